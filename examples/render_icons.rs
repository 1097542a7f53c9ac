//! Renders `assets/icon/pyroadmap.svg` to the PNG sizes a desktop wants
//! (hicolor 16 to 512 px), into `assets/icon/hicolor/`. Run after editing the
//! SVG: `cargo run --example render_icons`.

use resvg::{tiny_skia, usvg};

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icon");
    let svg = std::fs::read_to_string(root.join("pyroadmap.svg")).expect("the icon's SVG");
    let tree = usvg::Tree::from_str(&svg, &usvg::Options::default()).expect("a valid SVG");
    for size in [16_u32, 24, 32, 48, 64, 128, 256, 512] {
        let mut pixmap = tiny_skia::Pixmap::new(size, size).expect("a size above zero");
        #[expect(clippy::cast_precision_loss, reason = "icon sizes are small")]
        let scale = size as f32 / tree.size().width();
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        let dir = root.join(format!("hicolor/{size}x{size}/apps"));
        std::fs::create_dir_all(&dir).expect("the icon folder");
        pixmap
            .save_png(dir.join("pyroadmap.png"))
            .expect("the PNG is written");
    }
    println!("icons written under {}", root.join("hicolor").display());
}
