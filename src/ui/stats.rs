//! The Stats page: a calendar of the last 12 months coloured by how much was
//! studied each day, the streaks, days studied this month, reviews due over
//! the next 30 days, review accuracy and each section's completion.

use egui::{Color32, RichText, Sense, vec2};
use egui_plot::{Bar, BarChart, Plot};
use jiff::civil::{Date, Weekday};

use super::View;
use crate::action::Action;
use crate::study::review::{self, Day};
use crate::theme;

/// The calendar's squares and gaps at most, in points; narrower columns
/// shrink them so a whole year fits.
const CELL_MAX: f32 = 12.0;
const GAP_SHARE: f32 = 0.2;
/// Room for the weekday names.
const LABEL_WIDTH: f32 = 30.0;
/// Weeks the calendar shows: a year and the current week.
const WEEKS: i64 = 53;

/// Draws the Stats page.
pub fn stats_ui(ui: &mut egui::Ui, view: &View<'_>, actions: &mut Vec<Action>) {
    let zone = &view.time_zone;
    let today = review::local_day(view.now_ms, zone);
    let activity = &view.progress.activity;
    super::column_ui(ui, "stats", None, |ui| {
        ui.label(
            RichText::new("Stats")
                .size(theme::HEADING_SIZES[0])
                .strong(),
        );
        let (current, longest) = review::streaks(activity, today);
        let month_prefix = format!("{:04}-{:02}-", today.year(), today.month());
        let this_month = activity
            .iter()
            .filter(|(day, counts)| day.starts_with(&month_prefix) && counts.total() > 0)
            .count();
        ui.horizontal_wrapped(|ui| {
            figure_ui(ui, &days(current), "current streak");
            figure_ui(ui, &days(longest), "longest streak");
            figure_ui(ui, &this_month.to_string(), "days studied this month");
            figure_ui(ui, &view.summary.due_today.to_string(), "reviews due today");
            let all = view.course.sections.iter().flat_map(|s| &s.topics);
            let (solved, exercises) = solved_count(view, all);
            figure_ui(ui, &format!("{solved} of {exercises}"), "exercises solved");
        });
        ui.add_space(theme::BLOCK_SPACING);
        heading(ui, "Study calendar");
        calendar_ui(ui, activity, today);
        ui.add_space(theme::BLOCK_SPACING);
        heading(ui, "Reviews due in the next 30 days");
        due_chart_ui(ui, view);
        ui.add_space(theme::BLOCK_SPACING);
        heading(ui, "Review accuracy");
        accuracy_ui(ui, view);
        ui.add_space(theme::BLOCK_SPACING);
        heading(ui, "Sections");
        sections_ui(ui, view, actions);
    });
}

fn days(n: u32) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

fn heading(ui: &mut egui::Ui, text: &str) {
    ui.label(RichText::new(text).size(theme::HEADING_SIZES[2]).strong());
}

/// A big number with what it counts under it.
fn figure_ui(ui: &mut egui::Ui, value: &str, what: &str) {
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(12, 8))
        .corner_radius(theme::CORNER_RADIUS)
        .fill(ui.visuals().faint_bg_color)
        .show(ui, |ui| {
            ui.vertical(|ui| {
                ui.label(RichText::new(value).size(theme::HEADING_SIZES[1]).strong());
                ui.weak(what);
            });
        })
        .response
        .widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Label, true, format!("{what}: {value}"))
        });
}

/// The colour of a day with `total` things studied, `max` being the busiest.
fn day_colour(total: u32, max: u32, visuals: &egui::Visuals) -> Color32 {
    let empty = visuals.widgets.inactive.bg_fill;
    if total == 0 || max == 0 {
        return empty;
    }
    let full = theme::success(visuals);
    #[expect(clippy::cast_precision_loss, reason = "small counts")]
    let share = (total as f32 / max as f32).clamp(0.0, 1.0);
    // Four steps, as a glance reads them.
    let step = (share * 4.0).ceil() / 4.0;
    Color32::from_rgba_unmultiplied(full.r(), full.g(), full.b(), (70.0 + 185.0 * step) as u8)
}

/// 53 weeks of squares, Monday at the top, today's week on the right.
fn calendar_ui(ui: &mut egui::Ui, activity: &std::collections::BTreeMap<String, Day>, today: Date) {
    let offset = i64::from(today.weekday().to_monday_zero_offset());
    let start = today
        .checked_sub(jiff::Span::new().days((WEEKS - 1) * 7 + offset))
        .unwrap_or(today);
    let max = activity.values().map(Day::total).max().unwrap_or(0);
    let studied = activity
        .iter()
        .filter(|(key, day)| day.total() > 0 && key.as_str() >= start.to_string().as_str())
        .count();
    let pitch =
        ((ui.available_width() - LABEL_WIDTH) / WEEKS as f32).min(CELL_MAX / (1.0 - GAP_SHARE));
    let cell_size = pitch * (1.0 - GAP_SHARE);
    let width = WEEKS as f32 * pitch + LABEL_WIDTH;
    let height = 7.0 * pitch + 18.0;
    let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Image,
            true,
            format!("Study calendar: {studied} days studied in the last 12 months"),
        )
    });
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals().clone();
    let origin = rect.min + vec2(LABEL_WIDTH, 18.0);
    for (row, name) in [(0, "Mon"), (2, "Wed"), (4, "Fri")] {
        painter.text(
            rect.min + vec2(0.0, 18.0 + row as f32 * pitch + cell_size / 2.0),
            egui::Align2::LEFT_CENTER,
            name,
            egui::FontId::proportional(11.0),
            visuals.weak_text_color(),
        );
    }
    let pointer = response.hover_pos();
    let mut hovered: Option<(Date, Day)> = None;
    let mut day = start;
    let mut last_month = 0;
    for week in 0..WEEKS {
        for weekday in 0..7 {
            if day > today {
                break;
            }
            let cell = egui::Rect::from_min_size(
                origin + vec2(week as f32 * pitch, weekday as f32 * pitch),
                vec2(cell_size, cell_size),
            );
            let counts = activity.get(&day.to_string()).copied().unwrap_or_default();
            painter.rect_filled(cell, 2.0, day_colour(counts.total(), max, &visuals));
            if day == today {
                painter.rect_stroke(
                    cell,
                    2.0,
                    egui::Stroke::new(1.5, visuals.strong_text_color()),
                    egui::StrokeKind::Outside,
                );
            }
            if weekday == 0 && day.month() != last_month {
                last_month = day.month();
                // A month that starts in the last weeks ends at the
                // calendar's right edge instead of being cut by it.
                let label = painter.layout_no_wrap(
                    month_name(day.month()).to_owned(),
                    egui::FontId::proportional(11.0),
                    visuals.weak_text_color(),
                );
                let left = cell
                    .left()
                    .min(rect.right() - label.size().x)
                    .max(rect.left());
                painter.galley(
                    egui::pos2(left, cell.top() - 4.0 - label.size().y),
                    label,
                    visuals.weak_text_color(),
                );
            }
            if pointer.is_some_and(|p| cell.expand(pitch * GAP_SHARE / 2.0).contains(p)) {
                hovered = Some((day, counts));
            }
            day = day.tomorrow().unwrap_or(day);
        }
    }
    if let Some((day, counts)) = hovered {
        response.on_hover_text(describe_day(day, counts));
    }
}

fn month_name(month: i8) -> &'static str {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    NAMES[usize::try_from(month - 1).unwrap_or(0).min(11)]
}

fn describe_day(day: Date, counts: Day) -> String {
    let weekday = match day.weekday() {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    };
    if counts.total() == 0 {
        return format!("{weekday} {day}: nothing studied");
    }
    let mut parts = Vec::new();
    for (n, what) in [
        (counts.opened, "topics opened"),
        (counts.done, "topics done"),
        (counts.answered, "questions answered"),
        (counts.solved, "exercises solved"),
        (counts.reviewed, "cards reviewed"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    format!("{weekday} {day}: {}", parts.join(", "))
}

fn due_chart_ui(ui: &mut egui::Ui, view: &View<'_>) {
    let due = review::due_per_day(
        view.course,
        view.progress,
        view.now_ms,
        &view.time_zone,
        view.progress.settings.new_cards_per_day,
    );
    let total: u32 = due.iter().sum();
    if total == 0 {
        ui.weak("No reviews are scheduled yet.");
        return;
    }
    let bars: Vec<Bar> = due
        .iter()
        .enumerate()
        .map(|(day, &count)| {
            #[expect(clippy::cast_precision_loss, reason = "a month of days")]
            let x = day as f64;
            Bar::new(x, f64::from(count)).width(0.8)
        })
        .collect();
    let chart = BarChart::new("Reviews due", bars).color(theme::success(ui.visuals()));
    let response = Plot::new("reviews due")
        .height(160.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_y(0.0)
        .x_axis_label("days from today")
        .show(ui, |plot| plot.bar_chart(chart))
        .response;
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Image,
            true,
            format!("Reviews due in the next 30 days: {total}, {} today", due[0]),
        )
    });
}

/// Share of reviews remembered (any grade but Again), overall and lately.
fn accuracy_ui(ui: &mut egui::Ui, view: &View<'_>) {
    let month_ago = view.now_ms.saturating_sub(30 * 86_400_000);
    let (mut total, mut recalled, mut recent, mut recent_recalled) = (0_u32, 0_u32, 0_u32, 0_u32);
    for card in view.progress.cards.values() {
        for &(ms, grade) in &card.log {
            total += 1;
            recalled += u32::from(grade > 1);
            if ms >= month_ago {
                recent += 1;
                recent_recalled += u32::from(grade > 1);
            }
        }
    }
    if total == 0 {
        ui.weak("No reviews yet.");
        return;
    }
    let percent = |part: u32, of: u32| 100 * part / of.max(1);
    ui.label(format!(
        "{}% of {total} reviews remembered; {}% of {recent} in the last 30 days.",
        percent(recalled, total),
        percent(recent_recalled, recent)
    ));
}

/// (exercises solved, exercises) among `topics`.
fn solved_count<'t>(
    view: &View<'_>,
    topics: impl IntoIterator<Item = &'t crate::course::Topic>,
) -> (usize, usize) {
    let (mut solved, mut all) = (0, 0);
    for topic in topics {
        all += topic.exercises.len();
        if let Some(record) = view.progress.topics.get(&topic.id) {
            solved += super::exercise::solved_count(topic, record);
        }
    }
    (solved, all)
}

fn sections_ui(ui: &mut egui::Ui, view: &View<'_>, actions: &mut Vec<Action>) {
    egui::Grid::new("section completion")
        .num_columns(4)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            for (index, section) in view.course.sections.iter().enumerate() {
                if ui.link(&section.title).clicked() {
                    actions.push(Action::OpenSection(index));
                }
                let done = super::done_count(view.progress, &section.topics);
                super::progress_bar_ui(ui, done, section.topics.len(), Some(180.0), 8.0);
                ui.weak(format!("{done}/{} topics", section.topics.len()));
                let (solved, exercises) = solved_count(view, &section.topics);
                ui.weak(format!("{solved}/{exercises} exercises"));
                ui.end_row();
            }
        });
}
