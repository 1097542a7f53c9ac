//! The roadmap as a picture: sections in order as boxes on a path, their
//! topics beside them, each coloured by status. Pan by dragging, zoom with
//! Ctrl+scroll or a pinch; click a topic to open it.

use egui::{Align2, Color32, FontId, Pos2, Rect, RichText, Stroke, Vec2, pos2, vec2};

use super::View;
use crate::action::Action;
use crate::study::Status;
use crate::theme;

const CARD_WIDTH: f32 = 230.0;
/// A header holds two lines of title and the done count.
const SECTION_HEIGHT: f32 = 64.0;
/// Text sizes on the map, in points at zoom 1.
const TITLE_SIZE: f32 = 15.0;
const COUNT_SIZE: f32 = 12.0;
const TOPIC_SIZE: f32 = 14.0;
/// Text is readable down to about 11 px: the map zooms out no further.
const READABLE_PX: f32 = 11.0;
/// The smallest zoom of the map: its smallest text is still readable.
pub const MIN_MAP_ZOOM: f32 = READABLE_PX / COUNT_SIZE;
const HEADER_PADDING: f32 = 8.0;
const TOPIC_HEIGHT: f32 = 28.0;
const TOPIC_GAP: f32 = 6.0;
const TOPIC_INDENT: f32 = 14.0;
/// Space between cards, across and down.
const CARD_GAP: Vec2 = vec2(70.0, 60.0);
const MARGIN: f32 = 20.0;

/// Where each section's card sits: sections run left to right on one row
/// and right to left on the next, like a road.
struct Layout {
    cards: Vec<Rect>,
    size: Vec2,
}

fn layout(view: &View<'_>, columns: usize) -> Layout {
    let columns = columns.max(1);
    let heights: Vec<f32> = view
        .course
        .sections
        .iter()
        .map(|s| SECTION_HEIGHT + s.topics.len() as f32 * (TOPIC_HEIGHT + TOPIC_GAP) + TOPIC_GAP)
        .collect();
    let mut cards = Vec::with_capacity(heights.len());
    let mut y = MARGIN;
    for (row, chunk) in heights.chunks(columns).enumerate() {
        let row_height = chunk.iter().copied().fold(0.0, f32::max);
        for (i, height) in chunk.iter().enumerate() {
            let column = if row % 2 == 0 { i } else { columns - 1 - i };
            let x = MARGIN + column as f32 * (CARD_WIDTH + CARD_GAP.x);
            cards.push(Rect::from_min_size(pos2(x, y), vec2(CARD_WIDTH, *height)));
        }
        y += row_height + CARD_GAP.y;
    }
    let width = 2.0 * MARGIN + columns as f32 * CARD_WIDTH + (columns - 1) as f32 * CARD_GAP.x;
    Layout {
        cards,
        size: vec2(width, y - CARD_GAP.y + MARGIN),
    }
}

/// The fill of a topic box for its status; faint when the legend picks
/// another status.
fn status_fill(status: Status, visuals: &egui::Visuals, focus: Option<Status>) -> Color32 {
    let fill = status_colour(status, visuals);
    if focus.is_some_and(|f| f != status) {
        fill.gamma_multiply(0.25)
    } else {
        fill
    }
}

fn status_colour(status: Status, visuals: &egui::Visuals) -> Color32 {
    let (base, alpha) = match status {
        Status::NotStarted => (visuals.widgets.inactive.bg_fill, 255),
        Status::InProgress => (theme::warning(visuals), 90),
        Status::Done => (theme::success(visuals), 110),
        Status::Skipped => (visuals.weak_text_color(), 40),
    };
    Color32::from_rgba_unmultiplied(base.r(), base.g(), base.b(), alpha)
}

/// Draws the map.
pub fn map_ui(ui: &mut egui::Ui, view: &View<'_>, state: &mut MapState, actions: &mut Vec<Action>) {
    let mut wants_all = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new("Roadmap")
                .size(theme::HEADING_SIZES[1])
                .strong(),
        );
        ui.add_space(12.0);
        // The legend is a filter: pick a status to see its topics stand out.
        ui.weak("Highlight:");
        for status in Status::ALL {
            let is_on = state.focus == Some(status);
            let mut job = egui::text::LayoutJob::default();
            let style = ui.style();
            RichText::new("■ ")
                .color(status_colour(status, ui.visuals()).to_opaque())
                .append_to(
                    &mut job,
                    style,
                    egui::FontSelection::Default,
                    egui::Align::Center,
                );
            RichText::new(status.label()).append_to(
                &mut job,
                style,
                egui::FontSelection::Default,
                egui::Align::Center,
            );
            let response = ui.selectable_label(is_on, job).on_hover_text(if is_on {
                "Show every status again".to_owned()
            } else {
                format!(
                    "Make the topics that are {} stand out",
                    status.label().to_lowercase()
                )
            });
            if response.clicked() {
                state.focus = if is_on { None } else { Some(status) };
            }
        }
        let fit = ui
            .button("Show all")
            .on_hover_text("Zoom out to the whole roadmap. Drag to pan, Ctrl+scroll to zoom.");
        wants_all = fit.clicked();
    });
    ui.separator();
    let pane = ui.available_size().max(vec2(1.0, 1.0));
    let sections = view.course.sections.len().max(1);
    state.pane = pane;
    if wants_all {
        // The column count that shows everything largest in this pane.
        let scale = |columns: usize| {
            let size = layout(view, columns).size;
            (pane.x / size.x).min(pane.y / size.y)
        };
        let best = (1..=sections)
            .max_by(|&a, &b| scale(a).total_cmp(&scale(b)))
            .unwrap_or(1);
        if scale(best) >= MIN_MAP_ZOOM {
            state.columns = Some(best);
            state.rect = Rect::from_min_size(Pos2::ZERO, layout(view, best).size);
        } else {
            // Everything would be too small to read: as many columns as
            // fit at the smallest readable zoom; scroll for the rest.
            let fitting =
                (pane.x / MIN_MAP_ZOOM - 2.0 * MARGIN + CARD_GAP.x) / (CARD_WIDTH + CARD_GAP.x);
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "a small positive count"
            )]
            let columns = (fitting.floor().max(1.0) as usize).min(sections);
            state.columns = Some(columns);
            // Those columns fill the pane's width exactly (a zoom at or
            // above the smallest readable one), so no strip stays empty.
            let width = layout(view, columns).size.x.min(pane.x / MIN_MAP_ZOOM);
            state.rect = Rect::from_min_size(Pos2::ZERO, vec2(width, width * pane.y / pane.x));
        }
    }
    // Unless showing everything: as many columns as fit the pane at full
    // size, so the map opens readable.
    let fitting = (pane.x - 2.0 * MARGIN + CARD_GAP.x) / (CARD_WIDTH + CARD_GAP.x);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a small positive count"
    )]
    let columns = state
        .columns
        .unwrap_or(fitting.floor().max(1.0) as usize)
        .min(sections);
    let layout = layout(view, columns);
    state.size = layout.size;
    if !state.rect.is_positive() {
        // First time: full size, from the top left.
        state.rect = Rect::from_min_size(Pos2::ZERO, pane);
    }
    egui::Scene::new()
        .zoom_range(MIN_MAP_ZOOM..=2.0)
        .max_inner_size(layout.size)
        .show(ui, &mut state.rect, |ui| {
            roadmap_ui(ui, view, &layout, state.focus, actions);
        });
}

/// What the map remembers between frames (not saved).
#[derive(Clone, Copy, Debug)]
pub struct MapState {
    /// The visible part of the map, in map coordinates (zero: not set yet).
    pub rect: Rect,
    /// Columns chosen by "Show all"; None to fit the pane's width.
    pub columns: Option<usize>,
    /// The status the legend picked: the others are drawn faint.
    pub focus: Option<Status>,
    /// The pane's size in the last frame.
    pub pane: Vec2,
    /// The whole map's size, in map coordinates, in the last frame.
    pub size: Vec2,
}

impl Default for MapState {
    fn default() -> Self {
        Self {
            rect: Rect::ZERO,
            columns: None,
            focus: None,
            pane: Vec2::ZERO,
            size: Vec2::ZERO,
        }
    }
}

impl MapState {
    /// How much of the pane's width is left empty beside the map, in
    /// points on screen (0 when the map is wider than the pane).
    pub fn empty_width(&self) -> f32 {
        let shown = self.rect.width().max(1.0);
        let zoom = self.zoom();
        ((shown - self.size.x) * zoom).max(0.0)
    }

    /// How much the map is magnified (1: full size).
    pub fn zoom(&self) -> f32 {
        if self.rect.width() > 0.0 && self.rect.height() > 0.0 {
            (self.pane.x / self.rect.width()).min(self.pane.y / self.rect.height())
        } else {
            1.0
        }
    }
}

/// A section header's title: wrapped to the card, two lines at most (cut
/// with "…"; the header's tooltip has it whole).
pub fn header_title_galley(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    number: usize,
    title: &str,
    colour: Color32,
) -> std::sync::Arc<egui::Galley> {
    let mut job = egui::text::LayoutJob::simple(
        format!("{number}. {title}"),
        FontId::proportional(TITLE_SIZE),
        colour,
        CARD_WIDTH - 2.0 * HEADER_PADDING,
    );
    job.wrap.max_rows = 2;
    job.wrap.overflow_character = Some('…');
    job.halign = egui::Align::Center;
    fonts.layout_job(job)
}

/// The space a header's title has: above the done count, inside the padding.
pub fn header_title_space(header: Rect) -> Rect {
    Rect::from_min_max(
        header.min + vec2(HEADER_PADDING, HEADER_PADDING / 2.0),
        pos2(
            header.max.x - HEADER_PADDING,
            header.max.y - COUNT_SIZE - HEADER_PADDING,
        ),
    )
}

fn roadmap_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    layout: &Layout,
    focus: Option<Status>,
    actions: &mut Vec<Action>,
) {
    let visuals = ui.visuals().clone();
    // The scene's own coordinates start at zero.
    let origin = Vec2::ZERO;
    let path_stroke = Stroke::new(4.0, visuals.selection.bg_fill.gamma_multiply(0.6));
    let cards: Vec<Rect> = layout.cards.iter().map(|r| r.translate(origin)).collect();
    // The road: from each section's header to the next one's.
    for pair in cards.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let start = pos2(from.center().x, from.top() + SECTION_HEIGHT / 2.0);
        let end = pos2(to.center().x, to.top() + SECTION_HEIGHT / 2.0);
        if (start.y - end.y).abs() < 1.0 {
            ui.painter().line_segment([start, end], path_stroke);
        } else {
            // Down to the next row along the outer edge of the map.
            let is_left_edge = from.left() <= MARGIN + 1.0;
            let side_x = if is_left_edge {
                from.left() - MARGIN / 2.0
            } else {
                from.right() + MARGIN / 2.0
            };
            let points = vec![start, pos2(side_x, start.y), pos2(side_x, end.y), end];
            ui.painter().add(egui::Shape::line(points, path_stroke));
        }
    }
    for ((index, section), card) in view.course.sections.iter().enumerate().zip(&cards) {
        section_card_ui(ui, view, index, section, *card, focus, actions);
    }
}

fn section_card_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    index: usize,
    section: &crate::course::Section,
    card: Rect,
    focus: Option<Status>,
    actions: &mut Vec<Action>,
) {
    let visuals = ui.visuals().clone();
    ui.painter().rect_filled(card, 8.0, visuals.faint_bg_color);
    ui.painter().rect_stroke(
        card,
        8.0,
        visuals.widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Inside,
    );
    let header = Rect::from_min_size(card.min, vec2(card.width(), SECTION_HEIGHT));
    ui.painter()
        .rect_filled(header, 8.0, visuals.selection.bg_fill);
    let done = super::done_count(view.progress, &section.topics);
    let response = ui.interact(
        header,
        ui.scope_id().with(("map-section", index)),
        egui::Sense::click(),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &section.title));
    let response = response.on_hover_text(format!("{}. {}", index + 1, section.title));
    let text_colour = visuals.selection.stroke.color;
    let title = ui.fonts_mut(|f| header_title_galley(f, index + 1, &section.title, text_colour));
    let space = header_title_space(header);
    let at = pos2(space.center().x, space.center().y - title.size().y / 2.0);
    ui.painter().galley(at, title, text_colour);
    ui.painter().text(
        pos2(header.center().x, header.bottom() - HEADER_PADDING / 2.0),
        Align2::CENTER_BOTTOM,
        format!("{done} of {} done", section.topics.len()),
        FontId::proportional(COUNT_SIZE),
        text_colour,
    );
    if response.clicked() {
        actions.push(Action::OpenSection(index));
    }
    let mut y = header.bottom() + TOPIC_GAP;
    for topic in &section.topics {
        let rect = Rect::from_min_size(
            pos2(card.left() + TOPIC_INDENT, y),
            vec2(card.width() - 2.0 * TOPIC_INDENT, TOPIC_HEIGHT),
        );
        let status = view.progress.status(&topic.id);
        let colour = if focus.is_some_and(|f| f != status) {
            visuals.weak_text_color()
        } else {
            visuals.strong_text_color()
        };
        let mut text = RichText::new(&topic.title).size(TOPIC_SIZE).color(colour);
        if status == Status::Skipped {
            text = text.strikethrough();
        }
        let button = egui::Button::new(text)
            .fill(status_fill(status, &visuals, focus))
            .truncate();
        let response =
            ui.put(rect, button)
                .on_hover_text(format!("{} · {}", topic.title, status.label()));
        if response.clicked() {
            actions.push(Action::OpenTopic(topic.id.clone()));
        }
        y += TOPIC_HEIGHT + TOPIC_GAP;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_title_stays_inside_its_header() {
        let course = crate::course::load_embedded().course;
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        let header = Rect::from_min_size(Pos2::ZERO, vec2(CARD_WIDTH, SECTION_HEIGHT));
        let space = header_title_space(header);
        for (index, section) in course.sections.iter().enumerate() {
            let galley = ctx
                .fonts_mut(|f| header_title_galley(f, index + 1, &section.title, Color32::WHITE));
            let at = pos2(space.center().x, space.center().y - galley.size().y / 2.0);
            let drawn = galley.rect.translate(at.to_vec2());
            assert!(
                space.contains_rect(drawn),
                "{}: {drawn:?} leaves {space:?}",
                section.title
            );
        }
    }

    #[test]
    fn the_smallest_map_text_is_readable_at_the_smallest_zoom() {
        assert!(COUNT_SIZE.min(TITLE_SIZE).min(TOPIC_SIZE) * MIN_MAP_ZOOM >= READABLE_PX - 0.01);
    }
}
