//! Getting around: opening topics, sections, search hits and links; Back
//! and Forward through the pages visited (with the mouse's side buttons
//! too), where each lesson was being read, and when a topic counts as
//! started.

use super::PyroadmapApp;
use crate::action::{Action, Command};
use crate::study::Status;
use crate::ui::{
    Banner, BannerKind, Flash, Page, SCROLL_SETTLE_FRAMES as SETTLE_FRAMES, ScrollTarget,
};
use std::sync::Arc;

/// A page visited, and how far down it was scrolled when left.
#[derive(Clone, Debug, PartialEq)]
pub struct Visit {
    pub page: Page,
    pub offset: f32,
}

/// The pages behind and ahead of the one on screen.
#[derive(Default)]
pub struct History {
    pub back: Vec<Visit>,
    pub forward: Vec<Visit>,
    /// Set while Back or Forward changes the page, so it is not recorded
    /// as a new visit.
    is_travelling: bool,
}

/// How many visits Back remembers.
const HISTORY_MAX: usize = 200;

/// Reading a topic this long with the window focused starts it.
pub const READING_STARTS_TOPIC_S: f64 = 30.0;

/// Having seen this share of a lesson (scrolled down to it) starts it.
pub const SCROLLING_STARTS_TOPIC: f32 = 0.5;

/// How much of the view a page key keeps in view, in points: the last
/// lines before PageDown are the first ones after it.
const PAGE_OVERLAP_PT: f32 = 48.0;

/// Time spent on the open topic while the window had focus.
pub struct Reading {
    topic: String,
    /// egui time (s) of the last frame.
    last: f64,
    was_focused: bool,
    seconds: f64,
}

impl PyroadmapApp {
    /// Opens a topic. Opening one starts nothing: see `engage`.
    pub(super) fn open_topic(&mut self, id: String, now: u64) {
        if self.course.topic(&id).is_none() {
            return;
        }
        Arc::make_mut(&mut self.progress).note_opened(&id, now);
        let page = Page::Topic(id);
        if self.page != page {
            self.page = page;
            self.scroll_to_reading_position();
            self.count_activity(|d| d.opened += 1);
        }
        self.mark_dirty(now);
    }

    /// Opens a section's overview.
    pub(super) fn open_section(&mut self, index: usize) {
        if index < self.course.sections.len() && self.page != Page::Section(index) {
            self.page = Page::Section(index);
            self.scroll_to_reading_position();
        }
    }

    /// Opens a search hit and marks `term` in its `block` for a moment.
    pub(super) fn open_found(
        &mut self,
        ctx: &egui::Context,
        page: Page,
        block: Option<usize>,
        term: String,
    ) {
        match &page {
            Page::Topic(id) => self.apply(ctx, Action::OpenTopic(id.clone())),
            Page::Section(index) => self.apply(ctx, Action::OpenSection(*index)),
            Page::Project(id) => self.apply(ctx, Action::OpenProject(id.clone())),
            Page::Home | Page::Map | Page::Playground | Page::Review | Page::Stats => {
                self.page = page.clone();
            }
        }
        if self.page == page {
            if block.is_some() {
                // The flash scrolls to the hit instead.
                self.ui.scroll.target = None;
            }
            let started = ctx.input(|i| i.time);
            self.ui.flash = Some(Flash {
                page,
                block,
                term,
                started,
                has_scrolled: false,
            });
        }
    }

    /// Follows a link: the one place one is followed, and only web and
    /// topic links are.
    pub(super) fn open_link(&mut self, ctx: &egui::Context, url: &str) {
        use crate::course::link::{self, LinkTarget};
        match link::target(url) {
            LinkTarget::Topic(id) => match self.course.section_index(id) {
                Some(index) => self.apply(ctx, Action::OpenSection(index)),
                None => self.apply(ctx, Action::OpenTopic(id.to_owned())),
            },
            LinkTarget::Web(url) => ctx.open_url(egui::OpenUrl::new_tab(url)),
            LinkTarget::Refused => self.show_banner(Banner::new(
                BannerKind::Warning,
                format!("Not opened: {url}. {}.", link::REFUSED),
            )),
        }
    }

    /// Records the page left as a visit Back returns to (unless Back or
    /// Forward is what changed it), and scrolls the new page to where its
    /// reader was.
    pub(super) fn after_page_change(&mut self, left: Page, offset: f32) {
        if self.history.is_travelling {
            return;
        }
        if self.history.back.last().map(|v| &v.page) != Some(&left) {
            self.history.back.push(Visit { page: left, offset });
            if self.history.back.len() > HISTORY_MAX {
                self.history.back.remove(0);
            }
        }
        self.history.forward.clear();
    }

    /// Scrolls a page just opened to where the learner was reading (a
    /// topic), or to its top.
    pub(super) fn scroll_to_reading_position(&mut self) {
        let target = match &self.page {
            Page::Topic(id) => {
                let record = self.progress.topic(id);
                match (record.position, record.position_offset_pt) {
                    (0, 0) => ScrollTarget::Offset(0.0),
                    (block, offset_pt) => ScrollTarget::Block {
                        index: block as usize,
                        below_pt: points(offset_pt),
                    },
                }
            }
            _ => ScrollTarget::Offset(0.0),
        };
        self.ui.scroll.target = Some((self.page.clone(), target));
        self.ui.scroll.target_frames = 0;
    }

    /// Scrolls the open lesson a page down or up, or to its top or end (the
    /// page keys, Space, Home and End).
    pub(super) fn scroll_lesson(&mut self, command: Command) {
        let Some(report) = self.lesson_report() else {
            return;
        };
        // A key pressed again before the lesson got there goes on from
        // where it was going.
        let from = match &self.ui.scroll.target {
            Some((page, ScrollTarget::Offset(offset))) if *page == self.page => *offset,
            _ => report.offset,
        };
        let view = report.view.height();
        let end = (report.height - view).max(0.0);
        let page = (view - PAGE_OVERLAP_PT).max(view / 2.0);
        let offset = match command {
            Command::PageDown => from + page,
            Command::PageUp => from - page,
            Command::LessonEnd => end,
            _ => 0.0,
        };
        self.ui.scroll.target = Some((
            self.page.clone(),
            ScrollTarget::Offset(offset.clamp(0.0, end)),
        ));
        self.ui.scroll.target_frames = 0;
    }

    /// Back (`is_back`) or Forward: to the page visited before or after,
    /// scrolled as it was.
    pub(super) fn travel(&mut self, is_back: bool) {
        let (from, to) = if is_back {
            (&mut self.history.back, &mut self.history.forward)
        } else {
            (&mut self.history.forward, &mut self.history.back)
        };
        let Some(visit) = from.pop() else {
            return;
        };
        to.push(Visit {
            page: self.page.clone(),
            offset: self.ui.scroll.offset_of(&self.page),
        });
        self.history.is_travelling = true;
        if let Page::Topic(id) = &visit.page {
            let now = self.clock.now_ms();
            Arc::make_mut(&mut self.progress).note_opened(id, now);
            self.mark_dirty(now);
        }
        self.page = visit.page.clone();
        self.ui.scroll.target = Some((visit.page, ScrollTarget::Offset(visit.offset)));
        self.ui.scroll.target_frames = 0;
    }

    /// Ends a Back or Forward: later page changes are visits again.
    pub(super) fn end_travel(&mut self) {
        self.history.is_travelling = false;
    }

    /// The learner did something with a topic: a topic not started is now
    /// in progress. Opening one is not doing something with it.
    pub(super) fn engage(&mut self, topic: &str, now_ms: u64) {
        if self.course.topic(topic).is_some() && self.progress.status(topic) == Status::NotStarted {
            Arc::make_mut(&mut self.progress)
                .update_topic(topic, now_ms, |r| r.status = Status::InProgress);
            self.mark_dirty(now_ms);
        }
    }

    /// Counts focused time on the open topic; enough of it starts the topic.
    /// Needs no repaint of its own: time between frames counts when the
    /// window had focus at the first of them (a focus change is a frame).
    pub(super) fn track_reading_time(&mut self, ctx: &egui::Context) {
        let Page::Topic(id) = &self.page else {
            self.reading = None;
            return;
        };
        let (now, is_focused) = ctx.input(|i| (i.time, i.viewport().focused.unwrap_or(true)));
        let reading = match &mut self.reading {
            Some(reading) if reading.topic == *id => reading,
            _ => self.reading.insert(Reading {
                topic: id.clone(),
                last: now,
                was_focused: is_focused,
                seconds: 0.0,
            }),
        };
        if reading.was_focused {
            reading.seconds += (now - reading.last).clamp(0.0, READING_STARTS_TOPIC_S);
        }
        reading.last = now;
        reading.was_focused = is_focused;
        if reading.seconds >= READING_STARTS_TOPIC_S {
            let topic = reading.topic.clone();
            self.engage(&topic, self.clock.now_ms());
        }
    }

    /// Keeps each topic's reading position, and starts a topic the learner
    /// has scrolled through a good part of.
    pub(super) fn track_scroll(&mut self, ctx: &egui::Context) {
        let Page::Topic(id) = &self.page else {
            return;
        };
        let Some(report) = self.ui.scroll.report.clone() else {
            return;
        };
        if report.page != self.page
            || self.ui.scroll.settled_frames < SETTLE_FRAMES
            || self.ui.scroll.target.is_some()
        {
            return;
        }
        let topic = id.clone();
        // The top of the lesson is block 0 at 0, whatever is above block 0.
        let (block, offset_pt) = match report.top_block {
            Some((block, below_pt)) if report.offset >= 0.5 => {
                (u32::try_from(block).unwrap_or(0), whole_points(below_pt))
            }
            _ => (0, 0),
        };
        let record = self.progress.topic(&topic);
        if (record.position, record.position_offset_pt) != (block, offset_pt) {
            self.apply(
                ctx,
                Action::ReadAt {
                    topic: topic.clone(),
                    block,
                    offset_pt,
                },
            );
        }
        if report.can_scroll && report.offset > 0.0 && report.seen_share >= SCROLLING_STARTS_TOPIC {
            self.engage(&topic, self.clock.now_ms());
        }
    }

    /// The mouse's back and forward buttons.
    pub(super) fn history_buttons(ctx: &egui::Context, actions: &mut Vec<Action>) {
        let (back, forward) = ctx.input(|i| {
            (
                i.pointer.button_pressed(egui::PointerButton::Extra1),
                i.pointer.button_pressed(egui::PointerButton::Extra2),
            )
        });
        if back {
            actions.push(Action::Command(Command::Back));
        }
        if forward {
            actions.push(Action::Command(Command::Forward));
        }
    }
}

/// A saved offset in whole points, as egui measures it.
#[expect(
    clippy::cast_precision_loss,
    reason = "an offset within a lesson is far below 2^24 points"
)]
fn points(offset_pt: i32) -> f32 {
    offset_pt as f32
}

/// An offset rounded to whole points, to save.
#[expect(
    clippy::cast_possible_truncation,
    reason = "a lesson is far shorter than i32::MAX points"
)]
fn whole_points(offset: f32) -> i32 {
    offset.round() as i32
}
