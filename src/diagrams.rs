//! The lessons' SVG pictures, rasterised on a worker thread at the width
//! they are shown, with egui's own fonts for their labels, and kept as
//! textures.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use resvg::usvg;

/// Rasterised pictures by (pack path, width in pixels).
#[derive(Default)]
pub struct Diagrams {
    slots: Arc<Mutex<HashMap<(String, u32), Slot>>>,
}

enum Slot {
    Drawing,
    Drawn(egui::ColorImage),
    Shown(egui::TextureHandle),
    Failed(String),
}

/// What a picture looks like right now.
pub enum Picture {
    /// Still being drawn: show its alt text meanwhile.
    Drawing,
    Ready(egui::TextureHandle),
    Failed(String),
}

impl Diagrams {
    /// The picture `path` (SVG text `svg`) drawn `width_px` pixels wide;
    /// starts drawing it on a worker thread the first time it is asked for.
    pub fn get(&self, ctx: &egui::Context, path: &str, svg: &str, width_px: u32) -> Picture {
        let max_side_px = u32::try_from(ctx.input(|i| i.max_texture_side)).unwrap_or(u32::MAX);
        let key = (path.to_owned(), width_px);
        let mut slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        match slots.remove(&key) {
            None => {
                slots.insert(key.clone(), Slot::Drawing);
                drop(slots);
                self.draw(ctx, key, svg.to_owned(), max_side_px);
                Picture::Drawing
            }
            Some(Slot::Drawing) => {
                slots.insert(key, Slot::Drawing);
                Picture::Drawing
            }
            Some(Slot::Drawn(image)) => {
                let texture = ctx.load_texture(
                    format!("picture:{path}"),
                    image,
                    egui::TextureOptions::LINEAR,
                );
                slots.insert(key, Slot::Shown(texture.clone()));
                Picture::Ready(texture)
            }
            Some(Slot::Shown(texture)) => {
                slots.insert(key, Slot::Shown(texture.clone()));
                Picture::Ready(texture)
            }
            Some(Slot::Failed(error)) => {
                slots.insert(key, Slot::Failed(error.clone()));
                Picture::Failed(error)
            }
        }
    }

    fn draw(&self, ctx: &egui::Context, key: (String, u32), svg: String, max_side_px: u32) {
        let failed_key = key.clone();
        let slots = Arc::clone(&self.slots);
        let repaint = ctx.clone();
        let width_px = key.1;
        let spawned = std::thread::Builder::new()
            .name("picture".into())
            .spawn(move || {
                let drawn = std::panic::catch_unwind(|| rasterise(&svg, width_px, max_side_px))
                    .unwrap_or_else(|_| Err("the SVG renderer stopped".to_owned()));
                let slot = match drawn {
                    Ok(image) => Slot::Drawn(image),
                    Err(error) => Slot::Failed(error),
                };
                slots
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(key, slot);
                repaint.request_repaint();
            });
        if let Err(error) = spawned {
            self.slots
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(
                    failed_key,
                    Slot::Failed(format!("cannot start a thread to draw it: {error}")),
                );
        }
    }
}

/// The SVG options, with egui's built-in fonts as the only fonts: pictures
/// look the same everywhere and no system fonts are scanned.
/// The height of a picture per unit of width, from its root `<svg>` tag
/// (`viewBox`, else `width` and `height`), so the room it will take can be
/// kept while it is drawn and nothing below it moves when it appears.
pub fn aspect_ratio(svg: &str) -> Option<f32> {
    let start = svg.find("<svg")?;
    let tag = &svg[start..];
    let tag = &tag[..tag.find('>')?];
    let attribute = |name: &str| {
        let mut rest = tag;
        loop {
            let at = rest.find(name)?;
            let before = rest[..at].chars().next_back();
            rest = &rest[at + name.len()..];
            let value = rest.trim_start();
            if before.is_some_and(char::is_whitespace)
                && let Some(value) = value.strip_prefix('=')
            {
                let value = value.trim_start();
                let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
                let value = &value[1..];
                return value.find(quote).map(|end| &value[..end]);
            }
        }
    };
    let number = |text: &str| {
        text.trim()
            .trim_end_matches("px")
            .parse::<f32>()
            .ok()
            .filter(|n| n.is_finite() && *n > 0.0)
    };
    let (width, height) = match attribute("viewBox") {
        Some(view_box) => {
            let parts: Vec<&str> = view_box
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|p| !p.is_empty())
                .collect();
            match parts.as_slice() {
                [_, _, width, height] => (number(width)?, number(height)?),
                _ => return None,
            }
        }
        None => (number(attribute("width")?)?, number(attribute("height")?)?),
    };
    Some(height / width)
}

fn options() -> &'static usvg::Options<'static> {
    static OPTIONS: OnceLock<usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut options = crate::course::picture::options();
        let fonts = egui::FontDefinitions::default();
        let db = options.fontdb_mut();
        for (name, data) in &fonts.font_data {
            if name.starts_with("Ubuntu") || name.starts_with("Hack") {
                // Shared with egui (built into the program), not copied.
                db.load_font_source(usvg::fontdb::Source::Binary(std::sync::Arc::clone(
                    &data.font,
                )));
            }
        }
        let family_of = |db: &resvg::usvg::fontdb::Database, is_mono: bool| {
            db.faces()
                .find(|face| face.monospaced == is_mono)
                .and_then(|face| face.families.first())
                .map(|(name, _)| name.clone())
        };
        if let Some(mono) = family_of(db, true) {
            db.set_monospace_family(mono);
        }
        if let Some(sans) = family_of(db, false) {
            db.set_sans_serif_family(sans.clone());
            db.set_serif_family(sans.clone());
            options.font_family = sans;
        }
        options
    })
}

/// Draws `svg` `width_px` pixels wide, or smaller so that neither side is
/// over `max_side_px` (the GPU's largest texture: a tall, narrow picture
/// drawn at the lesson's width would be taller).
pub fn rasterise(svg: &str, width_px: u32, max_side_px: u32) -> Result<egui::ColorImage, String> {
    let tree = crate::course::picture::parse(svg, options()).map_err(|problem| problem.message)?;
    let source = egui::vec2(tree.size().width(), tree.size().height());
    let max_side = max_side_px.max(1) as f32;
    let mut size = source * (width_px.min(max_side_px) as f32 / source.x);
    if size.y > max_side {
        size *= max_side / size.y;
    }
    let size = size.round().max(egui::vec2(1.0, 1.0));
    let (width, height) = (size.x as u32, size.y as u32);
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| format!("cannot draw it {width}x{height} pixels"))?;
    resvg::render(
        &tree,
        usvg::Transform::from_scale(width as f32 / source.x, height as f32 / source.y),
        &mut pixmap.as_mut(),
    );
    Ok(
        egui::ColorImage::from_rgba_premultiplied([width as usize, height as usize], pixmap.data())
            .with_source_size(source),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_tall_narrow_picture_is_drawn_no_taller_than_the_largest_texture() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="400"><rect width="10" height="400"/></svg>"#;
        // At 700 px wide it would be 28,000 px tall.
        let image = super::rasterise(svg, 700, 8192).expect("draws");
        assert_eq!(image.size, [205, 8192]);
        let wide = r#"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="10"><rect width="400" height="10"/></svg>"#;
        let image = super::rasterise(wide, 20_000, 2048).expect("draws");
        assert_eq!(image.size, [2048, 51]);
    }

    #[test]
    fn every_picture_in_the_pack_draws_with_its_labels() {
        let course = crate::course::load_embedded().course;
        let mut count = 0;
        for section in &course.sections {
            let docs = std::iter::once(section.overview())
                .chain(section.topics.iter().map(super::super::course::Topic::doc));
            for doc in docs {
                crate::course::visit_blocks(&doc.blocks, &mut |block| {
                    if let crate::course::Block::Image { src, .. } = block {
                        let svg = course.image(src).expect("loaded");
                        let image = super::rasterise(svg, 700, 8192).expect("draws");
                        assert_eq!(image.size[0], 700, "{src}");
                        // The room kept while it is drawn is the room it takes.
                        let ratio = super::aspect_ratio(svg).expect("a size");
                        let kept = 700.0 * ratio;
                        assert!(
                            (kept - image.size[1] as f32).abs() <= 1.0,
                            "{src}: {kept} kept for {} drawn",
                            image.size[1]
                        );
                        // Labels are drawn: a picture with its text removed
                        // has fewer dark pixels.
                        let dark = |image: &egui::ColorImage| {
                            image
                                .pixels
                                .iter()
                                .filter(|p| p.r() < 80 && p.a() > 200)
                                .count()
                        };
                        let no_text = svg.replace("<text", "<text display=\"none\"");
                        let plain = super::rasterise(&no_text, 700, 8192).expect("draws");
                        assert!(
                            dark(&image) > dark(&plain),
                            "{src}: its labels are not drawn"
                        );
                        count += 1;
                    }
                });
            }
        }
        assert!(count >= 10, "only {count} pictures");
    }

    #[test]
    fn a_pictures_shape_comes_from_its_root_tag() {
        use super::aspect_ratio;
        let ratio = |svg| aspect_ratio(svg).map(|r| (r * 1000.0).round() / 1000.0);
        assert_eq!(ratio(r#"<svg viewBox="0 0 200 100" width="9">"#), Some(0.5));
        assert_eq!(
            ratio("<?xml version='1.0'?><svg stroke-width='3' width='40px' height='10'>"),
            Some(0.25),
            "stroke-width is not width"
        );
        assert_eq!(ratio(r#"<svg viewBox="0,0,10,30">"#), Some(3.0));
        assert_eq!(ratio(r#"<svg viewBox="0 0 0 30">"#), None, "no zero width");
        assert_eq!(ratio(r#"<svg width="100%" height="5">"#), None);
        assert_eq!(ratio("<svg"), None);
        assert_eq!(ratio("not a picture"), None);
    }
}
