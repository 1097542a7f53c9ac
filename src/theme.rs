//! Spacing, colours and sizes in one place; panels never use magic numbers.

use egui::{Color32, Visuals};

use crate::study::Status;

/// Space between lesson blocks, in points.
pub const BLOCK_SPACING: f32 = 10.0;
/// The widest the lesson text grows, in points, so lines stay readable.
pub const LESSON_MAX_WIDTH: f32 = 760.0;
/// Inner margin of code and output frames.
pub const CODE_MARGIN: i8 = 8;
/// Corner radius of code frames and banners.
pub const CORNER_RADIUS: u8 = 6;
/// Indent of list items and quotes.
pub const INDENT: f32 = 18.0;
/// Heading sizes for levels 1..=4, in points.
pub const HEADING_SIZES: [f32; 4] = [26.0, 20.0, 17.0, 15.0];
/// Size of lesson body text.
pub const BODY_SIZE: f32 = 15.0;
/// Default and minimum widths of the side panels.
pub const SIDEBAR_WIDTH: f32 = 280.0;
pub const PANEL_MIN_WIDTH: f32 = 180.0;

/// The largest side of a texture the window makes, in pixels. egui makes
/// its font atlas as wide as the graphics card allows (8192 px or more), so
/// even the few hundred glyphs on screen cost an 8192 x 32 image, in memory
/// and again on the card; 4096 holds every glyph of the course at any zoom
/// with room to spare. Pictures are drawn no larger.
pub const MAX_TEXTURE_SIDE: usize = 4096;

/// How long a Copy button says "Copied", in seconds.
pub const COPIED_FEEDBACK_S: f64 = 1.5;

/// A side, top or bottom panel's frame, without its fill.
///
/// The window is cleared to the panels' colour ([`clear_color`]), so
/// filling every panel again would only make the renderer paint the whole
/// window twice a frame: on a software renderer that is most of what the
/// first frame costs.
pub fn side_panel_frame(style: &egui::Style) -> egui::Frame {
    egui::Frame::side_top_panel(style).fill(Color32::TRANSPARENT)
}

/// The central panel's frame, without its fill (see [`side_panel_frame`]).
pub fn central_panel_frame(style: &egui::Style) -> egui::Frame {
    egui::Frame::central_panel(style).fill(Color32::TRANSPARENT)
}

/// What the window is cleared to before a frame is drawn: the panels'
/// colour, in the encoding of the surface it is drawn on (an sRGB surface
/// takes linear values and encodes them itself).
pub fn clear_color(visuals: &Visuals, is_srgb_surface: bool) -> [f32; 4] {
    let fill = visuals.panel_fill;
    if is_srgb_surface {
        egui::Rgba::from(fill).to_array()
    } else {
        fill.to_normalized_gamma_f32()
    }
}

/// Background of code blocks.
pub fn code_background(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0x28, 0x2c, 0x34)
    } else {
        Color32::from_rgb(0xfa, 0xfa, 0xfa)
    }
}

/// Background of output blocks: set apart from the code above them.
pub fn output_background(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0x1e, 0x22, 0x27)
    } else {
        Color32::from_rgb(0xee, 0xf1, 0xf5)
    }
}

/// Colour for right answers and Done.
pub fn success(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0x6c, 0xc6, 0x7a)
    } else {
        Color32::from_rgb(0x1e, 0x7d, 0x32)
    }
}

/// Colour for wrong answers and errors.
pub fn danger(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0xef, 0x7a, 0x72)
    } else {
        Color32::from_rgb(0xb7, 0x1c, 0x1c)
    }
}

/// Colour for warnings.
pub fn warning(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0xe8, 0xc0, 0x6a)
    } else {
        Color32::from_rgb(0x8a, 0x5a, 0x00)
    }
}

/// The stepper's mark for the line just run (pale, as Python Tutor's).
pub fn step_done(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0x8f, 0xd1, 0x9e)
    } else {
        Color32::from_rgb(0x3c, 0x9a, 0x50)
    }
}

/// The stepper's mark for the line to run next, and the current frame.
pub fn step_next(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0xf2, 0x8b, 0x82)
    } else {
        Color32::from_rgb(0xc6, 0x28, 0x28)
    }
}

/// The stepper's arrows from names to objects.
pub fn step_arrow(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0x8a, 0xb4, 0xf8)
    } else {
        Color32::from_rgb(0x1a, 0x56, 0xb0)
    }
}

/// Colour for bookmarks.
pub fn bookmark(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0xf2, 0xc1, 0x4e)
    } else {
        Color32::from_rgb(0xc0, 0x86, 0x00)
    }
}

/// The icon and colour of a status in the sidebar.
pub fn status_icon(status: Status, visuals: &Visuals) -> (&'static str, Color32) {
    match status {
        Status::NotStarted => ("○", visuals.weak_text_color()),
        Status::InProgress => ("◑", warning(visuals)),
        Status::Done => ("✔", success(visuals)),
        Status::Skipped => ("➖", visuals.weak_text_color()),
    }
}

/// Background behind search matches.
pub fn search_mark(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0x7a, 0x5c, 0x00)
    } else {
        Color32::from_rgb(0xff, 0xe0, 0x70)
    }
}

/// Where `term` occurs in `text`, ignoring case (byte ranges of `text`).
pub fn find_ignoring_case(text: &str, term: &str) -> Vec<std::ops::Range<usize>> {
    if term.is_empty() {
        return Vec::new();
    }
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        // Lowercasing changed byte lengths; offsets would not line up.
        return Vec::new();
    }
    let term = term.to_lowercase();
    lower
        .match_indices(&term)
        .map(|(at, m)| at..at + m.len())
        .filter(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end))
        .collect()
}

/// Pictures in lessons are drawn at most this wide, in points.
pub const PICTURE_MAX_WIDTH: f32 = 760.0;
/// The space a picture takes while it is being drawn, in points.
pub const PICTURE_PLACEHOLDER_HEIGHT: f32 = 240.0;

/// The app's icon (128 px), for the window and the task bar.
pub fn app_icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(include_bytes!(
        "../assets/icon/hicolor/128x128/apps/pyroadmap.png"
    ))
    .expect("the icon is compiled in, and its test decodes it")
}

#[cfg(test)]
mod icon_tests {
    #[test]
    fn the_app_icon_decodes() {
        let icon = super::app_icon();
        assert_eq!((icon.width, icon.height), (128, 128));
        assert_eq!(icon.rgba.len(), 128 * 128 * 4);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clear_colour_is_the_panels_colour_on_either_kind_of_surface() {
        for visuals in [Visuals::dark(), Visuals::light()] {
            let fill = visuals.panel_fill;
            let [r, g, b, a] = clear_color(&visuals, false);
            let gamma = Color32::from_rgba_unmultiplied(
                (r * 255.0).round() as u8,
                (g * 255.0).round() as u8,
                (b * 255.0).round() as u8,
                (a * 255.0).round() as u8,
            );
            assert_eq!(gamma, fill);
            // An sRGB surface encodes linear values itself.
            let [r, g, b, a] = clear_color(&visuals, true);
            assert_eq!(
                Color32::from(egui::Rgba::from_rgba_premultiplied(r, g, b, a)),
                fill
            );
            assert!(
                r < gamma.r() as f32 / 255.0 || gamma.r() == 0,
                "linear is darker"
            );
        }
    }
}
