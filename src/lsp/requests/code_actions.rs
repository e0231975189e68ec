//! Code actions: every fix as a quick fix, "fix all safe", and settling a promise.

use super::*;

/// The quick fixes for the findings on the lines of `range`, and "fix all safe" for the
/// document, limited to the kinds in `only` when the client asks for some.
pub fn code_actions(
    open: &Open,
    path: &str,
    findings: &[Diagnostic],
    range: lsp::Range,
    only: Option<&[lsp::CodeActionKind]>,
    templates: &mut Templates,
) -> Vec<lsp::CodeAction> {
    let wanted = |kind: &lsp::CodeActionKind| only.is_none_or(|only| only.contains(kind));
    let lines = range.start.line as usize + 1..=range.end.line as usize + 1;
    let source = Source::new(open.positions.text.clone());
    let planned = fix::each_resolving(&source, open.document, findings, open.repository, templates);
    let mut actions = Vec::new();
    if wanted(&lsp::CodeActionKind::QuickFix) {
        for fix in planned.iter().filter(|p| lines.contains(&p.position.line)) {
            actions.push(quick_fix(open, fix, findings));
        }
    }
    let any_safe = planned.iter().any(|p| p.safety == Safety::Safe);
    if any_safe && wanted(&lsp::CodeActionKind::SourceFixAll) {
        actions.extend(fix_all(open, path, &source, templates));
    }
    actions
}

/// One planned fix as a quick fix, for the findings it resolves; preferred when safe.
fn quick_fix(open: &Open, fix: &fix::Planned, findings: &[Diagnostic]) -> lsp::CodeAction {
    let diagnostics = findings
        .iter()
        .filter(|f| f.rule == fix.rule && f.position == fix.position)
        .map(|f| open.diagnostic(f))
        .collect();
    lsp::CodeAction {
        title: format!("{} ({})", fix.title, fix.rule.name),
        kind: Some(lsp::CodeActionKind::QuickFix),
        diagnostics: Some(diagnostics),
        is_preferred: Some(fix.safety == Safety::Safe),
        edit: Some(workspace_edit(
            open,
            vec![lsp::TextEdit::new(
                open.positions.range(fix.edit.range.clone(), open.encoding),
                fix.edit.text.clone(),
            )],
        )),
        ..Default::default()
    }
}

/// "Fix all safe problems": what `cairn check --fix` writes, as edits; not offered when it
/// changes nothing.
fn fix_all(
    open: &Open,
    path: &str,
    source: &Source,
    templates: &mut Templates,
) -> Option<lsp::CodeAction> {
    let fixed = fix::fix_text(path, source, open.repository, templates, false);
    let edits = edits_to(open, source, &fixed.source.into_file_text())?;
    (!edits.is_empty()).then(|| lsp::CodeAction {
        title: format!("Fix all safe problems ({})", fixed.applied.len()),
        kind: Some(lsp::CodeActionKind::SourceFixAll),
        edit: Some(workspace_edit(open, edits)),
        ..Default::default()
    })
}

/// The edits that turn the buffer (`source`) into `changed`, a text whose private notes
/// were kept; none if one would reach into them (a diff that aligned lines oddly could).
fn edits_to(open: &Open, source: &Source, changed: &str) -> Option<Vec<lsp::TextEdit>> {
    let changes = crate::render::diff::changes(&open.positions.text, changed);
    let phrases = open.repository.config.private_phrases();
    if !changes
        .iter()
        .all(|(range, _)| source.may_replace(range.clone(), phrases))
    {
        return None;
    }
    Some(
        changes
            .into_iter()
            .map(|(range, text)| {
                lsp::TextEdit::new(open.positions.range(range, open.encoding), text)
            })
            .collect(),
    )
}

/// `edits` to the open document, as a workspace edit.
fn workspace_edit(open: &Open, edits: Vec<lsp::TextEdit>) -> lsp::WorkspaceEdit {
    lsp::WorkspaceEdit {
        changes: Some(HashMap::from([(open.uri.clone(), edits)])),
        ..Default::default()
    }
}

/// "Mark done today" and "Withdraw by agreement today" on an open task item of the lines
/// of `range`: the edits `cairn done` makes, through the same module, so a line of
/// private notes is never offered one.
pub fn settle_actions(
    open: &Open,
    path: &str,
    range: lsp::Range,
    only: Option<&[lsp::CodeActionKind]>,
    today: chrono::NaiveDate,
) -> Vec<lsp::CodeAction> {
    let kind = lsp::CodeActionKind::RefactorRewrite;
    if only.is_some_and(|only| !only.contains(&kind)) {
        return Vec::new();
    }
    let lines = range.start.line as usize + 1..=range.end.line as usize + 1;
    let source = Source::new(open.positions.text.clone());
    let mut actions = Vec::new();
    for commitment in open
        .document
        .body
        .commitments
        .iter()
        .filter(|c| lines.contains(&c.position.line) && !c.done && !c.withdrawn)
    {
        let line = commitment.position.line;
        for (title, how) in [
            (
                format!("Mark done today ({today})"),
                crate::edit::tick::Settlement::Done(today),
            ),
            (
                format!("Withdraw by agreement today ({today}); add the reason after the date"),
                crate::edit::tick::Settlement::Withdrawn(today, String::new()),
            ),
        ] {
            let Ok(settled) =
                crate::edit::tick::settle(&source, path, line, &how, &open.repository.config)
            else {
                continue;
            };
            let Some(edits) = edits_to(open, &source, &settled.source.into_file_text()) else {
                continue;
            };
            actions.push(lsp::CodeAction {
                title,
                kind: Some(kind.clone()),
                edit: Some(workspace_edit(open, edits)),
                ..Default::default()
            });
        }
    }
    actions
}
