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
    let edit = |edits: Vec<lsp::TextEdit>| lsp::WorkspaceEdit {
        changes: Some(HashMap::from([(open.uri.clone(), edits)])),
        ..Default::default()
    };
    let mut actions = Vec::new();
    if wanted(&lsp::CodeActionKind::QuickFix) {
        for fix in planned.iter().filter(|p| lines.contains(&p.position.line)) {
            let diagnostics = findings
                .iter()
                .filter(|f| f.rule == fix.rule && f.position == fix.position)
                .map(|f| open.diagnostic(f))
                .collect();
            actions.push(lsp::CodeAction {
                title: format!("{} ({})", fix.title, fix.rule.name),
                kind: Some(lsp::CodeActionKind::QuickFix),
                diagnostics: Some(diagnostics),
                is_preferred: Some(fix.safety == Safety::Safe),
                edit: Some(edit(vec![lsp::TextEdit::new(
                    open.positions.range(fix.edit.range.clone(), open.encoding),
                    fix.edit.text.clone(),
                )])),
                ..Default::default()
            });
        }
    }
    let any_safe = planned.iter().any(|p| p.safety == Safety::Safe);
    if any_safe && wanted(&lsp::CodeActionKind::SourceFixAll) {
        let fixed = fix::fix_text(path, &source, open.repository, templates, false);
        let changes =
            crate::render::diff::changes(&open.positions.text, &fixed.source.into_file_text());
        // The changes of a text whose private notes the fixes kept: none may reach into
        // them (a diff that aligned lines oddly would), or the action is not offered.
        let phrases = open.repository.config.private_phrases();
        let safe = changes
            .iter()
            .all(|(range, _)| source.may_replace(range.clone(), phrases));
        let edits: Vec<lsp::TextEdit> = changes
            .into_iter()
            .map(|(range, text)| {
                lsp::TextEdit::new(open.positions.range(range, open.encoding), text)
            })
            .collect();
        if safe && !edits.is_empty() {
            actions.push(lsp::CodeAction {
                title: format!("Fix all safe problems ({})", fixed.applied.len()),
                kind: Some(lsp::CodeActionKind::SourceFixAll),
                edit: Some(edit(edits)),
                ..Default::default()
            });
        }
    }
    actions
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
    let phrases = open.repository.config.private_phrases();
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
            let changes = crate::render::diff::changes(
                &open.positions.text,
                &settled.source.into_file_text(),
            );
            if !changes
                .iter()
                .all(|(range, _)| source.may_replace(range.clone(), phrases))
            {
                continue;
            }
            let edits = changes
                .into_iter()
                .map(|(range, text)| {
                    lsp::TextEdit::new(open.positions.range(range, open.encoding), text)
                })
                .collect();
            actions.push(lsp::CodeAction {
                title,
                kind: Some(kind.clone()),
                edit: Some(lsp::WorkspaceEdit {
                    changes: Some(HashMap::from([(open.uri.clone(), edits)])),
                    ..Default::default()
                }),
                ..Default::default()
            });
        }
    }
    actions
}
