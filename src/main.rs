//! pyroadmap's entry point: open the window, or `check` a content pack.

use std::path::PathBuf;
use std::process::ExitCode;

use pyroadmap::course::{self, PackSource};
use pyroadmap::study::store::FILE_NAME;
use pyroadmap::{Config, PyroadmapApp};

const USAGE: &str = "\
pyroadmap: an offline study app for the Python Developer roadmap

Usage:
  pyroadmap [--data-dir DIR] [--content DIR]   open the app
  pyroadmap check [DIR]                         validate a content pack
                                                (default: the built-in one)

Options:
  --data-dir DIR   where progress.ron lives (also: PYROADMAP_DATA_DIR)
  --content DIR    read lessons from a pack folder instead of the built-in pack
  -h, --help       show this help
  -V, --version    show the version
";

enum Mode {
    Run {
        data_dir: Option<PathBuf>,
        content: Option<PathBuf>,
    },
    Check(Option<PathBuf>),
    Help,
    Version,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Mode, String> {
    let mut data_dir = None;
    let mut content = None;
    let mut check: Option<Option<PathBuf>> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(Mode::Help),
            "-V" | "--version" => return Ok(Mode::Version),
            "--data-dir" => data_dir = Some(args.next().ok_or("--data-dir needs a folder")?.into()),
            "--content" => content = Some(args.next().ok_or("--content needs a folder")?.into()),
            "check" if check.is_none() => check = Some(None),
            other if check == Some(None) && !other.starts_with('-') => {
                check = Some(Some(other.into()));
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(match check {
        Some(dir) => Mode::Check(dir.or(content)),
        None => Mode::Run { data_dir, content },
    })
}

fn main() -> ExitCode {
    match parse_args(std::env::args().skip(1)) {
        Ok(Mode::Help) => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Mode::Version) => {
            println!("pyroadmap {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(Mode::Check(dir)) => check(dir),
        Ok(Mode::Run { data_dir, content }) => run(data_dir, content),
        Err(message) => {
            eprintln!("pyroadmap: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn check(dir: Option<PathBuf>) -> ExitCode {
    let source = dir.map_or(PackSource::Embedded, PackSource::Dir);
    match course::check(&source) {
        Ok(loaded) if loaded.problems.is_empty() => {
            println!("{}", loaded.summary());
            ExitCode::SUCCESS
        }
        Ok(loaded) => {
            for problem in &loaded.problems {
                println!("{problem}");
            }
            eprintln!("{} problem(s) found", loaded.problems.len());
            ExitCode::FAILURE
        }
        Err(error) => {
            println!("{error}");
            ExitCode::FAILURE
        }
    }
}

/// The data dir and the folder of this machine's own settings
/// (`machine.ron`): the flag, then the environment, both in that one folder;
/// else the OS config folders, the data in the (on Windows roaming) config
/// folder and this machine's settings in the local one. Third, the default
/// work folder when no data dir was given (with one, it is `work` inside).
fn dirs(flag: Option<PathBuf>) -> (PathBuf, PathBuf, Option<PathBuf>) {
    let given = flag.or_else(|| {
        std::env::var_os("PYROADMAP_DATA_DIR")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    });
    if let Some(dir) = given {
        return (dir.clone(), dir, None);
    }
    let work = pyroadmap::practice::work_folder::default_work_folder();
    match directories::ProjectDirs::from("", "", "pyroadmap") {
        Some(dirs) => (
            dirs.config_dir().to_owned(),
            dirs.config_local_dir().to_owned(),
            work,
        ),
        None => (
            PathBuf::from(".pyroadmap"),
            PathBuf::from(".pyroadmap"),
            work,
        ),
    }
}

fn run(data_dir_flag: Option<PathBuf>, content: Option<PathBuf>) -> ExitCode {
    let (data_dir, machine_dir, work_folder) = dirs(data_dir_flag);
    let mut config = Config::new(data_dir);
    config.machine_dir = machine_dir;
    if let Some(work) = work_folder {
        config.default_work_folder = work;
    }
    if let Some(dir) = content {
        config.content = PackSource::Dir(dir);
    }
    // The window's place comes from this machine's settings, read now; the
    // learner's file is read once, on a thread started when the window
    // system is up (the window hook below), while the renderer starts, and
    // handed to the app. No thread is started before that: the course is
    // read, and the highlighter started (held until the first frame is on
    // screen), when the app is created.
    let progress_path = config.data_dir.join(FILE_NAME);
    let window = config.open_data().window;
    let read_progress = config.progress_reader();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("pyroadmap")
        .with_app_id("pyroadmap")
        .with_icon(std::sync::Arc::new(pyroadmap::theme::app_icon()))
        .with_min_inner_size([560.0, 360.0]);
    match window {
        Some(w) if w.width >= 200.0 && w.height >= 150.0 => {
            viewport = viewport
                .with_inner_size([w.width, w.height])
                .with_position([w.x, w.y]);
        }
        _ => viewport = viewport.with_inner_size([1200.0, 800.0]),
    }
    let options = eframe::NativeOptions {
        viewport,
        window_builder: Some(Box::new(move |builder| {
            read_progress();
            builder
        })),
        ..Default::default()
    };
    // Hidden, for measuring start-up (callgrind, perf): the process ends
    // as the second frame begins, once the first is on screen.
    let is_exit_after_first_frame =
        std::env::var_os("PYROADMAP_EXIT_AFTER_FIRST_FRAME").is_some_and(|v| v == "1");
    let result = eframe::run_native(
        "pyroadmap",
        options,
        Box::new(move |cc| {
            let mut app = PyroadmapApp::new(&cc.egui_ctx, config);
            if let Some(render) = &cc.wgpu_render_state {
                app.set_srgb_surface(render.target_format.is_srgb());
            }
            Ok(if is_exit_after_first_frame {
                Box::new(ExitAfterFirstFrame(app))
            } else {
                Box::new(app)
            })
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!(
                "pyroadmap: could not open a window: {error}\nYour progress is safe in {}.",
                progress_path.display()
            );
            ExitCode::FAILURE
        }
    }
}

/// The app, ended as soon as its first frame is on screen (measuring only).
struct ExitAfterFirstFrame(PyroadmapApp);

impl eframe::App for ExitAfterFirstFrame {
    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        if ctx.cumulative_frame_nr() >= 1 {
            std::process::exit(0);
        }
        self.0.logic(ctx, frame);
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        self.0.raw_input_hook(ctx, raw_input);
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        self.0.clear_color(visuals)
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.0.ui(ui, frame);
    }

    fn on_exit(&mut self) {
        self.0.on_exit();
    }
}
