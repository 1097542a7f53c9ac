//! The search palette: one list ranking titles, lesson prose, code and the
//! learner's notes. Arrow keys move, Enter opens, Esc closes.

use std::ops::Range;

use egui::text::{LayoutJob, TextFormat};
use egui::{Key, Modifiers, RichText};

use super::{Page, View};
use crate::action::Action;
use crate::search::{Hit, Kind, SearchIndex, Snippet, Style};
use crate::theme;

/// The keys the palette answers to, shown under the results.
pub const HINT: &str = "Up and Down to move · Enter to open · Esc to close";

/// How many results the palette shows at most.
const RESULT_LIMIT: usize = 40;

/// The palette's state: UI only.
pub struct Palette {
    is_open: bool,
    query: String,
    /// Which kinds of result are shown (Kind::ALL order).
    kinds: [bool; 4],
    selected: usize,
    results: Vec<Hit>,
    /// The query and kinds `results` were computed for, and whether the
    /// index was there then.
    searched: Option<(String, [bool; 4], bool)>,
    wants_focus: bool,
    /// Why search cannot work this session (its index could not be built).
    pub unavailable: Option<String>,
}

impl Default for Palette {
    fn default() -> Self {
        Self {
            is_open: false,
            query: String::new(),
            kinds: [true; 4],
            selected: 0,
            results: Vec::new(),
            searched: None,
            wants_focus: false,
            unavailable: None,
        }
    }
}

/// A row of the palette: a hit, or a recent topic when the query is empty.
enum Row<'a> {
    Hit(&'a Hit),
    Recent {
        id: &'a str,
        title: &'a str,
        location: &'a str,
    },
}

impl Palette {
    /// Opens the palette empty (showing recent topics), ready to type.
    pub fn open(&mut self) {
        self.is_open = true;
        self.query.clear();
        self.wants_focus = true;
        self.selected = 0;
    }

    /// Whether the palette is showing.
    pub fn is_open(&self) -> bool {
        self.is_open
    }

    fn kinds(&self) -> Vec<Kind> {
        Kind::ALL
            .iter()
            .zip(self.kinds)
            .filter(|(_, on)| *on)
            .map(|(k, _)| *k)
            .collect()
    }

    /// Draws the palette when open.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        view: &View<'_>,
        index: Option<&mut SearchIndex>,
        actions: &mut Vec<Action>,
    ) {
        if !self.is_open {
            return;
        }
        let key = (self.query.clone(), self.kinds, index.is_some());
        if self.searched.as_ref() != Some(&key) {
            self.results = match index {
                Some(index) => index.search(&self.query, &self.kinds(), RESULT_LIMIT),
                None => Vec::new(),
            };
            self.selected = 0;
            self.searched = Some(key);
        }
        // Taken out while drawing: the rows borrow it and the field edits `self`.
        let results = std::mem::take(&mut self.results);
        let rows: Vec<Row<'_>> = if self.query.trim().is_empty() {
            recent_rows(view)
        } else {
            results.iter().map(Row::Hit).collect()
        };

        // Keys first, so the text field does not take them.
        let (down, up, enter) = ctx.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::ArrowDown),
                i.consume_key(Modifiers::NONE, Key::ArrowUp),
                i.consume_key(Modifiers::NONE, Key::Enter),
            )
        });
        if down && self.selected + 1 < rows.len() {
            self.selected += 1;
        }
        if up {
            self.selected = self.selected.saturating_sub(1);
        }
        let mut chosen = enter.then_some(self.selected).filter(|&i| i < rows.len());

        let modal = egui::Modal::new(egui::Id::unique("search palette"))
            .area(
                egui::Modal::default_area(egui::Id::unique("search palette area"))
                    .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0]),
            )
            .show(ctx, |ui| {
                ui.set_width(640.0_f32.min(ctx.content_rect().width() - 40.0));
                let field = egui::TextEdit::singleline(&mut self.query)
                    .id_salt("search query")
                    .hint_text("Search titles, lessons, code and your notes")
                    .desired_width(f32::INFINITY)
                    .font(egui::TextStyle::Heading);
                let response = ui.add(field);
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Search")
                });
                if self.wants_focus {
                    response.request_focus();
                    self.wants_focus = false;
                }
                ui.horizontal(|ui| {
                    ui.weak("Show:");
                    for (kind, is_on) in Kind::ALL.iter().zip(self.kinds.iter_mut()) {
                        ui.toggle_value(is_on, kind.label());
                    }
                });
                ui.separator();
                if self.query.trim().is_empty() {
                    ui.weak(if rows.is_empty() {
                        "Type to search. Topics you open will be listed here."
                    } else {
                        "Recent topics"
                    });
                } else if rows.is_empty() {
                    self.no_results_ui(ui, index_ready(&self.searched));
                }
                egui::ScrollArea::vertical()
                    .max_height(420.0)
                    .min_scrolled_height(320.0)
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        for (i, row) in rows.iter().enumerate() {
                            let response = row_ui(ui, row, i == self.selected);
                            if i == self.selected && (up || down) {
                                response.scroll_to_me(None);
                            }
                            if response.clicked() {
                                chosen = Some(i);
                            }
                        }
                    });
                ui.weak(HINT);
            });
        if let Some(row) = chosen.and_then(|i| rows.get(i)) {
            actions.push(match row {
                Row::Hit(hit) => Action::OpenFound {
                    page: page_of(hit),
                    block: hit.block,
                    term: hit.term.clone(),
                },
                Row::Recent { id, .. } => Action::OpenTopic((*id).to_owned()),
            });
            self.is_open = false;
        } else if modal.should_close() {
            self.is_open = false;
        }
        drop(rows);
        self.results = results;
    }

    fn no_results_ui(&mut self, ui: &mut egui::Ui, is_index_ready: bool) {
        if let Some(reason) = &self.unavailable {
            ui.colored_label(
                crate::theme::danger(ui.visuals()),
                format!("Search is unavailable: {reason}"),
            );
        } else if !is_index_ready {
            ui.weak("Indexing the course…");
            return;
        }
        ui.label(format!("No results for “{}”.", self.query.trim()));
        if self.kinds.iter().all(|on| *on) {
            ui.weak("None of these words is in the course or your notes: try other words.");
        } else {
            ui.horizontal(|ui| {
                ui.weak("Some kinds of result are hidden.");
                if ui.button("Clear filters").clicked() {
                    self.kinds = [true; 4];
                }
            });
        }
    }
}

fn index_ready(searched: &Option<(String, [bool; 4], bool)>) -> bool {
    searched.as_ref().is_some_and(|(_, _, is_ready)| *is_ready)
}

fn page_of(hit: &Hit) -> Page {
    hit.topic
        .clone()
        .map_or(Page::Section(hit.section), Page::Topic)
}

fn recent_rows<'a>(view: &View<'a>) -> Vec<Row<'a>> {
    view.progress
        .recent_topics
        .iter()
        .filter_map(|id| {
            let topic = view.course.topic(id)?;
            let section = view.course.sections.get(topic.section_index)?;
            Some(Row::Recent {
                id: &topic.id,
                title: &topic.title,
                location: &section.title,
            })
        })
        .collect()
}

/// One result: where it is and a snippet with the match marked; a title
/// also shows the lesson's best passage under it.
fn row_ui(ui: &mut egui::Ui, row: &Row<'_>, is_selected: bool) -> egui::Response {
    let (kind, location, main, passage) = match row {
        Row::Hit(hit) => (
            hit.kind.label(),
            hit.location.as_str(),
            Snippet {
                text: hit.snippet.clone(),
                highlights: hit.highlights.clone(),
                styles: hit.styles.clone(),
            },
            hit.passage.as_ref(),
        ),
        Row::Recent {
            title, location, ..
        } => (
            "Recent",
            *location,
            Snippet {
                text: (*title).to_owned(),
                ..Snippet::default()
            },
            None,
        ),
    };
    let snippet = main.text.as_str();
    let visuals = ui.visuals().clone();
    let frame = egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(8, 4))
        .corner_radius(theme::CORNER_RADIUS)
        .fill(if is_selected {
            visuals.selection.bg_fill.gamma_multiply(0.35)
        } else {
            egui::Color32::TRANSPARENT
        });
    let inner = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(RichText::new(kind).small().strong());
            ui.label(RichText::new(location).small().weak());
        });
        let size = theme::BODY_SIZE - 1.0;
        let job = snippet_job(&main, &visuals, size, visuals.text_color());
        ui.add(egui::Label::new(job).truncate().selectable(false));
        if let Some(passage) = passage {
            let job = snippet_job(passage, &visuals, size - 2.0, visuals.weak_text_color());
            ui.add(egui::Label::new(job).truncate().selectable(false));
        }
    });
    let label = format!("{kind}: {location}: {snippet}");
    let response = ui.interact(
        inner.response.rect,
        ui.scope_id().with(("row", location, snippet)),
        egui::Sense::click(),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    response
}

/// A snippet laid out as the lesson shows it (code, italics, bold), with the
/// matched words marked.
fn snippet_job(
    snippet: &Snippet,
    visuals: &egui::Visuals,
    size: f32,
    color: egui::Color32,
) -> LayoutJob {
    let (text, highlights, styles) = (&snippet.text, &snippet.highlights, &snippet.styles);
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for range in highlights.iter().chain(styles.iter().map(|(r, _)| r)) {
        cuts.extend([range.start, range.end]);
    }
    cuts.retain(|&at| at <= text.len() && text.is_char_boundary(at));
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = LayoutJob::default();
    for piece in cuts.windows(2) {
        let (start, end) = (piece[0], piece[1]);
        let inside = |r: &Range<usize>| r.start <= start && end <= r.end;
        let style = styles.iter().find(|(r, _)| inside(r)).map(|(_, s)| *s);
        let mut format = TextFormat {
            font_id: egui::FontId::proportional(size),
            color,
            ..TextFormat::default()
        };
        match style {
            Some(Style::Code) => {
                format.font_id = egui::FontId::monospace(size - 1.0);
                format.background = theme::code_background(visuals);
            }
            Some(Style::Emphasis) => format.italics = true,
            Some(Style::Strong) => format.color = visuals.strong_text_color(),
            None => {}
        }
        if highlights.iter().any(inside) {
            format.color = visuals.strong_text_color();
            format.background = theme::search_mark(visuals);
        }
        job.append(&text[start..end], 0.0, format);
    }
    job
}
