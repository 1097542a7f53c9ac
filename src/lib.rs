//! pyroadmap: an offline desktop study app for the Python Developer roadmap.

pub mod action;
pub mod app;
pub mod course;
pub mod diagrams;
pub mod highlight;
pub mod page;
pub mod practice;
pub mod search;
pub mod study;
pub mod theme;
pub mod ui;

pub use app::{Config, PyroadmapApp};
