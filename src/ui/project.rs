//! A project's page: the ticket, the stages (passed, open, locked), the
//! open stage's task, hints and Check, the checks' verdicts, and the
//! reference solutions once earned or asked for.

use egui::RichText;

use super::View;
use super::blocks::{BlockContext, blocks_ui};
use super::code::{CodeFrame, code_block_ui};
use crate::action::Action;
use crate::course::Project;
use crate::course::markdown::plain_text;
use crate::practice::project_check::{CheckStatus, StageVerdict, Verdict};
use crate::practice::project_state::ProjectCheckView;
use crate::practice::work_folder::project_dir;
use crate::study::ProjectRecord;
use crate::theme;

/// "Stage 2 of 5" (or "All 5 stages passed"): where the learner is.
pub fn stage_text(project: &Project, record: &ProjectRecord) -> String {
    let count = project.stages().len();
    if record.passed_stages(count) == count && count > 0 {
        format!("All {count} stages passed")
    } else {
        format!("Stage {} of {count}", record.current_stage(count))
    }
}

/// The project page.
pub fn project_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    id: &str,
    copied: Option<(egui::Id, f64)>,
    actions: &mut Vec<Action>,
) {
    let Some(project) = view.course.project(id) else {
        ui.label("This project is not in the course.");
        return;
    };
    let record = view.progress.project(id);
    let checks = view.practice.projects.get(id);
    super::column_ui(ui, ("project", id), None, |ui| {
        ui.label(
            RichText::new(project.title())
                .size(theme::HEADING_SIZES[0])
                .strong(),
        );
        let section = view
            .course
            .sections
            .get(project.section_index)
            .map_or("", |s| s.title.as_str());
        ui.label(format!(
            "Project after {section} · {}",
            stage_text(project, record)
        ));
        let count = project.stages().len();
        super::progress_bar_ui(ui, record.passed_stages(count), count, None, 6.0);
        ui.add_space(theme::BLOCK_SPACING);
        files_ui(ui, view, project, actions);
        ui.add_space(theme::BLOCK_SPACING);
        let cx = BlockContext {
            highlighter: view.highlighter,
            course: view.course,
            diagrams: view.diagrams,
            copied,
            topic: None,
            mark: None,
            page: None,
            first_frame_keep: None,
            is_cut: std::cell::Cell::new(false),
        };
        blocks_ui(ui, &project.doc().brief, &cx, actions);
        let current = record.current_stage(count);
        if let Some(Ok(verdict)) = checks.and_then(|c| c.result.as_ref())
            && let Some(broken) = broken_stage(verdict, record)
        {
            ui.label(
                RichText::new(format!(
                    "✖ Stage {broken} passed before but fails now: a later change broke it. Fix it first; the stages after it stay open."
                ))
                .color(theme::danger(ui.visuals())),
            );
        }
        for stage in project.stages() {
            let number = u32::try_from(stage.number).unwrap_or(u32::MAX);
            ui.add_space(theme::BLOCK_SPACING * 2.0);
            let work = record.stage(number);
            let (mark, state) = if number == current && !work.is_passed() {
                ("▶", "open")
            } else if work.is_passed() {
                ("✔", "passed")
            } else {
                ("🔒", "locked")
            };
            ui.label(
                RichText::new(format!(
                    "{mark} Stage {}: {} ({state})",
                    stage.number, stage.title
                ))
                .size(theme::HEADING_SIZES[1])
                .strong(),
            );
            if state == "locked" {
                ui.label(format!("Opens when stage {} passes.", stage.number - 1));
                continue;
            }
            blocks_ui(ui, &stage.text, &cx, actions);
            if number == current {
                let shown = (work.hints_shown as usize).min(stage.hints.len());
                for (index, hint) in stage.hints.iter().take(shown).enumerate() {
                    ui.label(format!("Hint {}: {}", index + 1, plain_text(hint)));
                }
                ui.horizontal_wrapped(|ui| {
                    check_button_ui(ui, id, current, checks, view, actions);
                    if shown < stage.hints.len()
                        && ui
                            .button("Show hint")
                            .on_hover_text(format!("Hint {} of {}", shown + 1, stage.hints.len()))
                            .clicked()
                    {
                        actions.push(Action::RevealProjectHint {
                            project: id.to_owned(),
                            stage: number,
                        });
                    }
                });
                verdict_ui(ui, checks);
            }
            solution_ui(
                ui,
                view,
                project,
                number,
                work.is_passed() || work.solution_shown,
                copied,
                actions,
            );
        }
    });
}

/// Where the learner's files are, and the buttons that open them.
fn files_ui(ui: &mut egui::Ui, view: &View<'_>, project: &Project, actions: &mut Vec<Action>) {
    let folder = project_dir(view.work_folder, &project.id);
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Open in editor")
            .on_hover_text("Write the starter files if they are missing, then open the project folder in your editor (Settings › Editor command)")
            .clicked()
        {
            actions.push(Action::OpenProjectInEditor(project.id.clone()));
        }
        if ui
            .button("Open folder")
            .on_hover_text("Write the starter files if they are missing, then open the project folder")
            .clicked()
        {
            actions.push(Action::OpenProjectFolder(project.id.clone()));
        }
    });
    ui.label(
        RichText::new(format!("Your files: {}", folder.display()))
            .small()
            .weak(),
    );
    let needs = project.needs();
    if !needs.is_empty() {
        let python = view.practice.interpreter().map_or_else(
            || "python".to_owned(),
            |p| p.executable.display().to_string(),
        );
        ui.label(
            RichText::new(format!(
                "This project needs {}. Install them into your Python by running this in the project folder:",
                needs.join(", ")
            ))
            .color(theme::warning(ui.visuals())),
        );
        ui.add(
            egui::Label::new(
                RichText::new(format!("{python} -m pip install -r requirements.txt")).monospace(),
            )
            .selectable(true),
        );
    }
}

/// Check (or Stop while a check runs).
fn check_button_ui(
    ui: &mut egui::Ui,
    project: &str,
    current: u32,
    checks: Option<&ProjectCheckView>,
    view: &View<'_>,
    actions: &mut Vec<Action>,
) {
    if checks.is_some_and(ProjectCheckView::is_running) {
        if ui.button("Stop").clicked() {
            actions.push(Action::StopProjectCheck(project.to_owned()));
        }
        ui.label(format!("Checking stages 1 to {current}…"));
        return;
    }
    let blocked = super::practice::run_blocked_reason(view.practice);
    let button = ui.add_enabled(blocked.is_none(), egui::Button::new("Check"));
    if button
        .on_hover_text(format!(
            "Run the checks of stages 1 to {current} on a copy of your project folder"
        ))
        .clicked()
    {
        actions.push(Action::CheckProject(project.to_owned()));
    }
    if let Some(reason) = blocked {
        ui.label(RichText::new(reason).weak());
    }
}

/// What the last check found, stage by stage.
fn verdict_ui(ui: &mut egui::Ui, checks: Option<&ProjectCheckView>) {
    match checks.and_then(|c| c.result.as_ref()) {
        None => {}
        Some(Err(reason)) => {
            ui.label(
                RichText::new(format!("✖ Could not check: {reason}"))
                    .color(theme::danger(ui.visuals())),
            );
        }
        Some(Ok(verdict)) => {
            for stage in &verdict.stages {
                stage_verdict_ui(ui, stage);
            }
        }
    }
}

/// One stage's verdict: all passed, or each check with what failed.
fn stage_verdict_ui(ui: &mut egui::Ui, stage: &StageVerdict) {
    let (success, danger) = (theme::success(ui.visuals()), theme::danger(ui.visuals()));
    if stage.is_passed() {
        ui.label(
            RichText::new(format!(
                "✔ Stage {}: all {} checks pass.",
                stage.stage,
                stage.checks.len()
            ))
            .color(success),
        );
        return;
    }
    ui.label(RichText::new(format!("✖ Stage {} fails:", stage.stage)).color(danger));
    for check in &stage.checks {
        match check.status {
            CheckStatus::Passed => {
                ui.label(RichText::new(format!("✔ {}", check.name)).color(success));
            }
            CheckStatus::NotRun => {
                ui.label(RichText::new(format!("· {} (not run)", check.name)).weak());
            }
            CheckStatus::Failed | CheckStatus::Error => {
                ui.label(RichText::new(format!("✖ {}", check.name)).color(danger));
                if !check.message.is_empty() {
                    ui.add(
                        egui::Label::new(RichText::new(&check.message).monospace())
                            .wrap()
                            .selectable(true),
                    );
                }
            }
        }
    }
}

/// The first stage that passed before and fails now: a later change broke it.
fn broken_stage(verdict: &Verdict, record: &ProjectRecord) -> Option<usize> {
    verdict
        .stages
        .iter()
        .find(|s| {
            !s.is_passed() && u32::try_from(s.stage).is_ok_and(|n| record.stage(n).is_passed())
        })
        .map(|s| s.stage)
}

/// The stage's reference solution, file by file; before it is earned, a
/// button that asks first.
fn solution_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    project: &Project,
    stage: u32,
    is_shown: bool,
    copied: Option<(egui::Id, f64)>,
    actions: &mut Vec<Action>,
) {
    let confirm_id = ui.scope_id().with(("confirm solution", &project.id, stage));
    if !is_shown {
        let is_confirming = ui.data(|d| d.get_temp::<bool>(confirm_id).unwrap_or(false));
        if !is_confirming {
            if ui.button("Show solution").clicked() {
                ui.data_mut(|d| d.insert_temp(confirm_id, true));
            }
            return;
        }
        ui.label("The solution shows the whole project as it stands after this stage. Try the hints first?");
        ui.horizontal(|ui| {
            if ui.button("Yes, show the solution").clicked() {
                ui.data_mut(|d| d.remove::<bool>(confirm_id));
                actions.push(Action::RevealProjectSolution {
                    project: project.id.clone(),
                    stage,
                });
            }
            if ui.button("Not yet").clicked() {
                ui.data_mut(|d| d.remove::<bool>(confirm_id));
            }
        });
        return;
    }
    egui::CollapsingHeader::new(format!("Reference solution of stage {stage}"))
        .id_salt(("solution", &project.id, stage))
        .show(ui, |ui| {
            for (path, bytes) in project.solution(stage as usize) {
                let text = String::from_utf8_lossy(bytes);
                let lang = if path.ends_with(".py") {
                    "python"
                } else {
                    "text"
                };
                let frame = CodeFrame {
                    lang,
                    text: &text,
                    output: None,
                    badge: Some(path.clone()),
                };
                ui.push_id(&path, |ui| {
                    code_block_ui(ui, &frame, view.highlighter, copied, None, None, actions);
                });
            }
        });
}

/// The section's projects as sidebar rows: title and passed stages.
pub fn sidebar_rows_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    section: &crate::course::Section,
    actions: &mut Vec<Action>,
) {
    for project in &section.projects {
        let record = view.progress.project(&project.id);
        let count = project.stages().len();
        let is_open = *view.page == super::Page::Project(project.id.clone());
        ui.horizontal(|ui| {
            ui.label("🛠").on_hover_text("A project");
            let title = egui::Button::selectable(is_open, project.title());
            let response = super::sidebar::title_with_marks_ui(ui, title, |ui| {
                ui.label(
                    RichText::new(format!("{}/{count}", record.passed_stages(count)))
                        .small()
                        .weak(),
                )
                .on_hover_text(stage_text(project, record));
            });
            if response.clicked() {
                actions.push(Action::OpenProject(project.id.clone()));
            }
        });
    }
}

/// The section overview's list of its projects.
pub fn overview_list_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    section: &crate::course::Section,
    actions: &mut Vec<Action>,
) {
    if section.projects.is_empty() {
        return;
    }
    ui.add_space(theme::BLOCK_SPACING);
    ui.label(
        RichText::new("Projects")
            .size(theme::HEADING_SIZES[1])
            .strong(),
    );
    for project in &section.projects {
        let record = view.progress.project(&project.id);
        ui.horizontal_wrapped(|ui| {
            if ui
                .link(RichText::new(project.title()).size(theme::BODY_SIZE))
                .clicked()
            {
                actions.push(Action::OpenProject(project.id.clone()));
            }
            ui.label(RichText::new(stage_text(project, record)).weak());
        });
    }
}

/// Home's projects in progress: started and not yet all passed.
pub fn home_projects_ui(ui: &mut egui::Ui, view: &View<'_>, actions: &mut Vec<Action>) {
    for project in view.course.projects() {
        let record = view.progress.project(&project.id);
        let count = project.stages().len();
        if !record.is_started() || record.passed_stages(count) == count {
            continue;
        }
        let text = format!(
            "Project: {} · {} ›",
            project.title(),
            stage_text(project, record)
        );
        if ui.button(text).clicked() {
            actions.push(Action::OpenProject(project.id.clone()));
        }
    }
}
