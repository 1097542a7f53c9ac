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
        let key = (path.to_owned(), width_px);
        let mut slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        match slots.remove(&key) {
            None => {
                slots.insert(key.clone(), Slot::Drawing);
                drop(slots);
                self.draw(ctx, key, svg.to_owned());
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

    fn draw(&self, ctx: &egui::Context, key: (String, u32), svg: String) {
        let failed_key = key.clone();
        let slots = Arc::clone(&self.slots);
        let repaint = ctx.clone();
        let width_px = key.1;
        let spawned = std::thread::Builder::new()
            .name("picture".into())
            .spawn(move || {
                let drawn = std::panic::catch_unwind(|| rasterise(&svg, width_px))
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
fn options() -> &'static usvg::Options<'static> {
    static OPTIONS: OnceLock<usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut options = usvg::Options::default();
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

/// Draws `svg` `width_px` pixels wide.
pub fn rasterise(svg: &str, width_px: u32) -> Result<egui::ColorImage, String> {
    egui_extras::image::load_svg_bytes_with_size(
        svg.as_bytes(),
        egui::SizeHint::Width(width_px),
        options(),
    )
}

#[cfg(test)]
mod tests {
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
                        let image = super::rasterise(svg, 700).expect("draws");
                        assert_eq!(image.size[0], 700, "{src}");
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
                        let plain = super::rasterise(&no_text, 700).expect("draws");
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
}
