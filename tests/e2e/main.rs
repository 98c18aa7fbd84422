//! End-to-end tests: the real binary on real files in temporary folders, one test binary with
//! a module per area and the helpers in [`common`].
//!
//! Tests over the real archives (`real`) run when `BRIEFSEARCH_REAL` points at them and say
//! that they were skipped otherwise.

mod attribution;
mod bad_input;
mod commands;
mod common;
mod dates;
mod duplicates;
mod examples;
mod exit_codes;
mod expansion;
mod formats;
mod index;
mod names;
mod pages;
mod parallel;
mod pipelines;
mod query;
mod real;
mod regressions;
mod relevance;
mod reliability;
mod schema;
mod scripts;
mod segmentation;
mod typos;
