//! Ranking a query: each typed word stands for the course's words it matches
//! (exact, plural, prefix, typo); a page scores by BM25 over its weighted
//! fields, with bonuses for its title, the pack's aliases and the query's
//! words side by side, scaled by how many of the words it has.

use std::collections::HashMap;
use std::sync::Arc;

mod hits;
mod proximity;

use super::text::{self, Token};
use super::{Field, Hit, Kind, SearchIndex, to_u32};

/// An alias, ready to match: the words to find in the query, the words it
/// stands for and the docs of its topics, best first.
pub(super) struct Alias {
    pub say: Vec<String>,
    pub means: Vec<String>,
    pub docs: Vec<u32>,
}

/// One thing to look for: the terms a typed word (or two joined, or an
/// alias's meaning) stands for, and which query words it answers.
struct Group {
    typed: String,
    terms: Arc<Vec<(u32, f32)>>,
    /// Bits of the query words it answers.
    covers: u64,
    weight: f32,
    /// An alias's meaning: it finds words in lessons, not in titles.
    is_meaning: bool,
}

/// BM25's term-frequency saturation and length normalisation.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// A title that has the query's words: added, unsaturated, per word's idf.
const TITLE_BONUS: f32 = 3.0;
/// A heading that has the query's words, per word's idf (at least 1).
const HEADING_BONUS: f32 = 1.5;
/// A topic in a section whose title has the query's words.
const SECTION_BONUS: f32 = 0.5;
/// A topic an alias in the query points at, per the most specific idf.
const ALIAS_BONUS: f32 = 2.0;
/// How much the query's words side by side add (all of them: +60%).
const PROXIMITY: f32 = 0.6;
/// Notes are the learner's own words: they weigh like headings.
const NOTE_WEIGHT: f32 = 2.5;
/// A typo match counts less when the word as typed is in the course.
const TYPO_WHEN_EXACT_EXISTS: f32 = 0.5;
/// A word of the same family ("sorting" for "sorted").
const STEM_QUALITY: f32 = 0.8;
/// So does a longer word it begins ("def" for "default").
const PREFIX_WHEN_EXACT_EXISTS: f32 = 0.6;
/// Pages whose passages are read for the phrase bonus.
const PROXIMITY_CANDIDATES: usize = 30;
const MAX_QUERY_WORDS: usize = 24;

/// What one page or note scored.
struct Scored {
    score: f32,
    source: Source,
    /// Query words its title answers.
    title_covers: u64,
}

#[derive(Clone, Copy)]
enum Source {
    Doc(u32),
    Note(u32),
}

impl SearchIndex {
    /// Searches for `query`, best first, at most `limit` results, of the
    /// given kinds: one per topic or section, and one per matching note.
    pub fn search(&mut self, query: &str, kinds: &[Kind], limit: usize) -> Vec<Hit> {
        let tokens: Vec<Token> = text::tokens(query)
            .into_iter()
            .take(MAX_QUERY_WORDS)
            .collect();
        if tokens.is_empty() {
            return Vec::new();
        }
        let mut content = 0_u64;
        for (i, token) in tokens.iter().enumerate() {
            if !text::is_stop_word(&token.word) {
                content |= 1 << i;
            }
        }
        if content == 0 {
            // A query of only common words still searches for them.
            content = (1 << tokens.len()) - 1;
        }
        let (groups, aliases) = self.groups(query, &tokens, content);
        let wants = |field: Field| kinds.contains(&field.kind());

        let doc_count = self.docs.len();
        let slots = groups.len() * doc_count;
        let (mut body, mut title, mut section) = (
            vec![0.0_f32; slots],
            vec![0.0_f32; slots],
            vec![0.0_f32; slots],
        );
        let mut touched: Vec<(u32, usize, f32)> = Vec::new();
        for (g, group) in groups.iter().enumerate() {
            for &(term, quality) in group.terms.iter() {
                for &(p, count) in self.course_postings(term) {
                    let (doc, field) = self.passage_fields[p as usize];
                    let is_title = matches!(field, Field::Title | Field::Section);
                    if !wants(field) || (group.is_meaning && is_title) {
                        continue;
                    }
                    let at = g * doc_count + doc as usize;
                    let count = f32::from(count);
                    match field {
                        Field::Title => title[at] = title[at].max(quality),
                        Field::Section => section[at] = section[at].max(quality),
                        field => body[at] += field.weight() * quality * count,
                    }
                    touched.push((p, g, field.weight() * quality * count.min(3.0)));
                }
            }
        }
        #[allow(clippy::cast_precision_loss)] // a course has far fewer than 2^24 docs
        let total = doc_count as f32;
        let idf: Vec<f32> = (0..groups.len())
            .map(|g| {
                let range = g * doc_count..(g + 1) * doc_count;
                #[allow(clippy::cast_precision_loss)]
                let having = range
                    .filter(|&at| body[at] > 0.0 || title[at] > 0.0 || section[at] > 0.0)
                    .count() as f32;
                (1.0 + (total - having + 0.5) / (having + 0.5)).ln()
            })
            .collect();
        // Rarity among titles: "list" is in most lessons but one title.
        let title_idf: Vec<f32> = (0..groups.len())
            .map(|g| {
                let range = g * doc_count..(g + 1) * doc_count;
                #[allow(clippy::cast_precision_loss)]
                let having = range.filter(|&at| title[at] > 0.0).count() as f32;
                (1.0 + (total - having + 0.5) / (having + 0.5)).ln()
            })
            .collect();
        let rarest = (1.0 + (total + 0.5) / 0.5_f32).ln();
        // Each passage's score (0 where nothing matched).
        let mut passage_scores = vec![0.0_f32; self.passages.len()];
        // Headings' groups: a heading with the query's words names the part
        // of the lesson about them ("The event loop").
        let mut headings: HashMap<u32, u64> = HashMap::new();
        for (p, g, contribution) in touched {
            passage_scores[p as usize] += groups[g].weight * idf[g] * contribution;
            if self.passage_fields[p as usize].1 == Field::Heading {
                *headings.entry(p).or_default() |= 1 << g;
            }
        }
        let mut heading_bonus = vec![0.0_f32; doc_count];
        for (&p, &mask) in &headings {
            let (mut covers, mut sum) = (0, 0.0);
            for (g, group) in groups
                .iter()
                .enumerate()
                .filter(|(g, _)| mask & (1 << g) != 0)
            {
                covers |= group.covers;
                sum += group.weight * idf[g].max(1.0);
            }
            #[allow(clippy::cast_precision_loss)] // at most 24 words
            let share = (covers & content).count_ones() as f32 / content.count_ones() as f32;
            let d = self.passage_fields[p as usize].0 as usize;
            heading_bonus[d] = heading_bonus[d].max(HEADING_BONUS * sum * share * share);
        }

        let content_count = content.count_ones();
        #[allow(clippy::cast_precision_loss)] // at most 24 words
        let coverage = |covered: u64| {
            let share = (covered & content).count_ones() as f32 / content_count as f32;
            share * share
        };
        let mut scored = Vec::new();
        let wants_titles = kinds.contains(&Kind::Title) || kinds.contains(&Kind::Lesson);
        for (d, doc) in self.docs.iter().enumerate() {
            let k = K1 * (1.0 - B + B * doc.length / self.average_length);
            let (mut score, mut covered, mut title_covers, mut title_sum) = (0.0, 0, 0, 0.0);
            for (g, group) in groups.iter().enumerate() {
                let at = g * doc_count + d;
                let (b, t, s) = (body[at], title[at], section[at]);
                if b == 0.0 && t == 0.0 && s == 0.0 {
                    continue;
                }
                covered |= group.covers;
                score += group.weight * idf[g] * (b * (K1 + 1.0) / (b + k) + SECTION_BONUS * s);
                if t > 0.0 {
                    title_covers |= group.covers;
                    title_sum += group.weight * title_idf[g] * t;
                }
            }
            score += heading_bonus[d];
            if title_sum > 0.0 {
                #[allow(clippy::cast_precision_loss)] // titles are a few words
                let fit = ((title_covers & content).count_ones() as f32 / doc.title_words as f32)
                    .min(1.0);
                // The share of the query the title answers.
                #[allow(clippy::cast_precision_loss)] // at most 24 words
                let answers = (title_covers & content).count_ones() as f32 / content_count as f32;
                score += TITLE_BONUS * title_sum * (0.5 + 0.5 * fit) * answers;
            }
            // An alias says what the topic is about, like a title: it is
            // added after the share of words found, by the share it answers.
            let mut alias_bonus = 0.0;
            for (alias, covers) in aliases.iter().filter(|_| wants_titles) {
                let alias = &self.aliases[*alias];
                if let Some(rank) = alias.docs.iter().position(|&a| a as usize == d) {
                    #[allow(clippy::cast_precision_loss)] // a few topics an alias
                    let step = 1.0 - 0.15 * rank.min(4) as f32;
                    #[allow(clippy::cast_precision_loss)] // at most 24 words
                    let share = (covers & content).count_ones() as f32 / content_count as f32;
                    alias_bonus += ALIAS_BONUS * rarest * step * share;
                    covered |= covers;
                }
            }
            if score > 0.0 || alias_bonus > 0.0 {
                scored.push(Scored {
                    score: score * coverage(covered) + alias_bonus,
                    source: Source::Doc(to_u32(d)),
                    title_covers,
                });
            }
        }
        if kinds.contains(&Kind::Note) {
            self.score_notes(&groups, &idf, &coverage, &mut scored);
        }
        self.add_proximity(&tokens, &groups, content, &mut scored, &mut passage_scores);
        scored.sort_by(|a, b| b.score.total_cmp(&a.score));

        let marker = self.marker(&groups);
        let mut hits: Vec<Hit> = scored
            .iter()
            .filter_map(|s| self.hit(s, kinds, content, &passage_scores, &marker, &tokens))
            .take(limit)
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.location.cmp(&b.location))
        });
        hits
    }

    /// What to look for: every word that counts, pairs written together
    /// ("f strings" as "fstrings"), and the meanings of aliases in the query.
    fn groups(
        &mut self,
        query: &str,
        tokens: &[Token],
        content: u64,
    ) -> (Vec<Group>, Vec<(usize, u64)>) {
        let mut groups = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            if content & (1 << i) == 0 {
                continue;
            }
            // A word typed twice is looked for once.
            if let Some(group) = groups
                .iter_mut()
                .find(|g: &&mut Group| g.typed == token.word)
            {
                group.covers |= 1 << i;
                continue;
            }
            groups.push(Group {
                typed: token.word.clone(),
                terms: self.expand(&token.word),
                covers: 1 << i,
                weight: 1.0,
                is_meaning: false,
            });
        }
        for (i, pair) in tokens.windows(2).enumerate() {
            let between = &query[pair[0].at.end..pair[1].at.start];
            let is_short = pair.iter().any(|t| t.word.chars().count() <= 2);
            let is_content = (0b11 << i) & content == 0b11 << i;
            let joined = format!("{}{}", pair[0].word, pair[1].word);
            // Two words the course writes as one name ("key error" for
            // KeyError): that name, not either word in its other senses.
            let is_name = between.trim().is_empty() && self.vocabulary.contains_key(&joined);
            if is_content && (between == "-" || (between.trim().is_empty() && is_short) || is_name)
            {
                // Joined words are guesses: no typo matching on top.
                let terms = self.expand_without_typos(&joined);
                if !terms.is_empty() {
                    groups.push(Group {
                        typed: joined,
                        terms,
                        covers: 0b11 << i,
                        weight: 1.0,
                        is_meaning: false,
                    });
                }
            }
        }
        let mut found = Vec::new();
        for (a, alias) in self.aliases.iter().enumerate() {
            let Some(start) = tokens
                .windows(alias.say.len())
                .position(|w| w.iter().zip(&alias.say).all(|(t, s)| t.word == *s))
            else {
                continue;
            };
            let covers = ((1_u64 << alias.say.len()) - 1) << start;
            found.push((a, covers));
        }
        for &(a, covers) in &found {
            for word in self.aliases[a].means.clone() {
                let terms = self.expand(&word);
                groups.push(Group {
                    typed: word,
                    terms,
                    covers,
                    weight: 0.8,
                    is_meaning: true,
                });
            }
        }
        (groups, found)
    }

    /// The terms a word stands for exactly, as a plural or as a prefix.
    fn expand_without_typos(&mut self, typed: &str) -> Arc<Vec<(u32, f32)>> {
        let key = format!("{typed}\u{0}exact");
        if let Some(found) = self.expansions.get(&key) {
            return Arc::clone(found);
        }
        let found = Arc::new(self.matches(typed, false));
        self.expansions.insert(key, Arc::clone(&found));
        found
    }

    /// The terms a typed word stands for, and how well.
    fn expand(&mut self, typed: &str) -> Arc<Vec<(u32, f32)>> {
        if let Some(found) = self.expansions.get(typed) {
            return Arc::clone(found);
        }
        let found = Arc::new(self.matches(typed, true));
        self.expansions.insert(typed.to_owned(), Arc::clone(&found));
        found
    }

    /// The terms a typed word matches, and how well; typos only if asked.
    fn matches(&self, typed: &str, with_typos: bool) -> Vec<(u32, f32)> {
        let mut found: Vec<(u32, f32)> = Vec::new();
        let exact_exists = self.vocabulary.contains_key(typed);
        let mut consider = |id: u32, word: &str| {
            if let Some(quality) = text::match_quality(typed, word) {
                // A word typed whole stands less for longer words it begins.
                let is_prefix = quality < 0.9;
                let scale = if exact_exists && is_prefix {
                    PREFIX_WHEN_EXACT_EXISTS
                } else {
                    1.0
                };
                found.push((id, quality * scale));
            }
        };
        let typed_chars = typed.chars().count();
        if typed_chars >= 3 {
            for (word, &id) in self
                .vocabulary
                .range::<str, _>((std::ops::Bound::Included(typed), std::ops::Bound::Unbounded))
                .take_while(|(word, _)| word.starts_with(typed))
            {
                consider(id, word);
            }
        } else if let Some(&id) = self.vocabulary.get(typed) {
            consider(id, typed);
        }
        let mut singulars: Vec<String> = Vec::new();
        if let Some(stem) = typed.strip_suffix("ies") {
            singulars.push(format!("{stem}y"));
        }
        singulars.extend(typed.strip_suffix("es").map(str::to_owned));
        singulars.extend(typed.strip_suffix('s').map(str::to_owned));
        for singular in singulars.into_iter().filter(|s| !s.is_empty()) {
            if let Some(&id) = self.vocabulary.get(&singular) {
                consider(id, &singular);
            }
        }
        // Words of one family share a stem: "sorting" finds "sorted".
        if typed_chars >= 4
            && let Some(family) = self.stems.get(self.stemmer.stem(typed).as_ref())
        {
            found.extend(family.iter().map(|&id| (id, STEM_QUALITY)));
        }
        if with_typos && typed_chars >= 4 {
            let allowed = if typed_chars >= 8 { 2 } else { 1 };
            let first: Vec<char> = typed.chars().take(2).collect();
            let lengths = typed_chars - allowed..=typed_chars + allowed;
            for length in lengths.filter(|&l| l < self.by_length.len()) {
                for &(a, b, id) in &self.by_length[length] {
                    // Typos are rarely in the first letter; two swapped
                    // first letters are one.
                    let is_swap = a == first[1] && b == first[0];
                    if a != first[0] && !is_swap {
                        continue;
                    }
                    let word = &self.words[id as usize];
                    if word.starts_with(typed) {
                        continue;
                    }
                    if let Some(distance) = text::edit_distance(typed, word, allowed)
                        && distance > 0
                    {
                        let quality = if distance == 1 { 0.6 } else { 0.45 };
                        let scale = if exact_exists {
                            TYPO_WHEN_EXACT_EXISTS
                        } else {
                            1.0
                        };
                        found.push((id, quality * scale));
                        // The typo's plural too: "dictionnary" finds "dictionaries".
                        for plural in text::plurals(word) {
                            if let Some(&id) = self.vocabulary.get(&plural) {
                                found.push((id, quality * scale));
                            }
                        }
                    }
                }
            }
        }
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        found.dedup_by_key(|f| f.0);
        found
    }

    fn score_notes(
        &self,
        groups: &[Group],
        idf: &[f32],
        coverage: &dyn Fn(u64) -> f32,
        scored: &mut Vec<Scored>,
    ) {
        let note_count = self.notes.len();
        let mut counts = vec![0.0_f32; groups.len() * note_count];
        for (g, group) in groups.iter().enumerate() {
            for &(term, quality) in group.terms.iter() {
                for &(slot, count) in &self.note_postings[term as usize] {
                    counts[g * note_count + slot as usize] += quality * f32::from(count);
                }
            }
        }
        for (n, note) in self.notes.iter().enumerate() {
            let k = K1 * (1.0 - B + B * note.length / self.average_length);
            let (mut score, mut covered) = (0.0, 0);
            for (g, group) in groups.iter().enumerate() {
                let c = counts[g * note_count + n];
                if c > 0.0 {
                    covered |= group.covers;
                    score += group.weight * idf[g] * NOTE_WEIGHT * c * (K1 + 1.0) / (c + k);
                }
            }
            if score > 0.0 {
                scored.push(Scored {
                    score: score * coverage(covered),
                    source: Source::Note(to_u32(n)),
                    title_covers: 0,
                });
            }
        }
    }
}
