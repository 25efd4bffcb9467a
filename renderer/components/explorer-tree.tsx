import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TriggerPipeline } from '../../shared/ipc/workspace-types.ts';
import { TRIGGER_INFO, type Trigger } from '../../shared/triggers.ts';
import { useApp } from '../store/app-store-context.tsx';
import { isDirty } from '../store/editor-slice.ts';
import { ContextMenu, type MenuItem } from './context-menu.tsx';
import { Icon, type IconName } from './icon.tsx';
import { IconButton } from './icon-button.tsx';

interface FileMarks {
  dirty: ReadonlySet<string>;
  broken: ReadonlySet<string>;
  active: string | null;
}

/** Files with unsaved edits and files with problems, for the tree's markers. */
function useFileMarks(): FileMarks {
  const { tabs, problems, active } = useApp(
    useShallow((s) => ({ tabs: s.tabs, problems: s.snapshot?.problems, active: s.activeTabId })),
  );
  return useMemo(
    () => ({
      dirty: new Set(tabs.filter(isDirty).map((t) => t.id)),
      broken: new Set((problems ?? []).map((p) => p.file)),
      active,
    }),
    [tabs, problems, active],
  );
}

/** Up and down arrows move between visible rows, as in any file tree. */
function moveFocus(event: React.KeyboardEvent<HTMLDivElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const rows = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="treeitem"]')];
  const index = rows.indexOf(document.activeElement as HTMLElement);
  const next = rows[event.key === 'ArrowDown' ? index + 1 : Math.max(index - 1, 0)];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

/** The workspace as a tree: top-level files, then each trigger with its stages and fixtures. */
export function ExplorerTree(props: { pipelines: TriggerPipeline[] }) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [menu, setMenu] = useState<{ x: number; y: number; items: MenuItem[] } | null>(null);
  const openDialog = useApp((s) => s.openDialog);
  const marks = useFileMarks();
  /** Fixture files of a trigger that could not be read: listed so they can be opened and fixed. */
  const unreadable = (p: TriggerPipeline) => {
    const prefix = `fixtures/${p.trigger}/`;
    const known = new Set(p.fixtures.map((f) => f.relPath));
    return [...marks.broken].filter(
      (f) => f.startsWith(prefix) && !known.has(f) && !f.slice(prefix.length).includes('/'),
    );
  };
  const toggle = (key: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const stageMenu = (trigger: Trigger, name: string) => (event: React.MouseEvent) => {
    event.preventDefault();
    // From the keyboard (the Menu key, Shift+F10) there is no pointer: open it under the row.
    const row = event.currentTarget.getBoundingClientRect();
    const fromKeyboard = event.clientX === 0 && event.clientY === 0;
    setMenu({
      x: fromKeyboard ? row.left + 24 : event.clientX,
      y: fromKeyboard ? row.bottom : event.clientY,
      items: [
        {
          label: 'Rename…',
          testId: 'menu-rename',
          run: () => openDialog({ kind: 'rename-stage', trigger, name }),
        },
        {
          label: 'Delete…',
          testId: 'menu-delete',
          danger: true,
          run: () => openDialog({ kind: 'confirm-delete-stage', trigger, name }),
        },
      ],
    });
  };

  return (
    <div className="explorer-tree" role="tree" data-testid="explorer-tree" onKeyDown={moveFocus}>
      <FileRow marks={marks} relPath="studio.json" label="studio.json" icon="json" depth={0} />
      <FileRow marks={marks} relPath="env.json" label="env.json" icon="json" depth={0} />
      {props.pipelines.map((p) => {
        const open = !collapsed.has(p.trigger);
        return (
          <div key={p.trigger}>
            <div
              className="tree-row tree-trigger"
              role="treeitem"
              aria-expanded={open}
              tabIndex={0}
              data-testid={`tree-trigger-${p.trigger}`}
              onClick={() => toggle(p.trigger)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') toggle(p.trigger);
                if ((e.key === 'ArrowRight' && !open) || (e.key === 'ArrowLeft' && open)) toggle(p.trigger);
              }}
              style={{ paddingLeft: 4 }}
            >
              <Icon name="chevron" className={open ? 'chevron open' : 'chevron'} />
              <Icon name="bolt" className="trigger-icon" />
              <span className="tree-label">{TRIGGER_INFO[p.trigger].title}</span>
              <span className="tree-hint">{p.trigger}</span>
              <span className="tree-actions">
                <IconButton
                  icon="plus"
                  label={`Add a stage to ${p.trigger}`}
                  testId={`add-stage-${p.trigger}`}
                  onClick={() => openDialog({ kind: 'add-stage', trigger: p.trigger })}
                />
              </span>
            </div>
            {open ? (
              <>
                <FileRow
                  marks={marks}
                  relPath={`pipelines/${p.trigger}/pipeline.json`}
                  label="pipeline.json"
                  icon="json"
                  depth={1}
                />
                {p.stages.length === 0 ? (
                  <button
                    type="button"
                    className="tree-empty"
                    style={{ paddingLeft: 34 }}
                    data-testid={`tree-empty-${p.trigger}`}
                    onClick={() => openDialog({ kind: 'add-stage', trigger: p.trigger })}
                  >
                    <Icon name="plus" size={12} /> Add a stage
                  </button>
                ) : null}
                {p.stages.map((stage) => (
                  <FileRow
                    marks={marks}
                    key={stage.relPath}
                    relPath={stage.relPath}
                    label={stage.name}
                    icon="code"
                    depth={1}
                    muted={!stage.enabled}
                    testId={`tree-stage-${p.trigger}-${stage.name}`}
                    onContextMenu={stageMenu(p.trigger, stage.name)}
                  />
                ))}
                {p.fixtures.length + unreadable(p).length > 0 ? (
                  <div className="tree-section" style={{ paddingLeft: 34 }}>
                    Fixtures
                  </div>
                ) : null}
                {unreadable(p).map((relPath) => (
                  <FileRow
                    marks={marks}
                    key={relPath}
                    relPath={relPath}
                    label={relPath.split('/').pop() ?? relPath}
                    icon="beaker"
                    depth={1}
                  />
                ))}
                {p.fixtures.map((f) => (
                  <FileRow
                    marks={marks}
                    key={f.relPath}
                    relPath={f.relPath}
                    label={f.fixture.name || f.id}
                    icon="beaker"
                    depth={1}
                    testId={`tree-fixture-${p.trigger}-${f.id}`}
                  />
                ))}
              </>
            ) : null}
          </div>
        );
      })}
      {menu ? <ContextMenu {...menu} onClose={() => setMenu(null)} /> : null}
    </div>
  );
}

function FileRow(props: {
  marks: FileMarks;
  relPath: string;
  label: string;
  icon: IconName;
  depth: number;
  muted?: boolean;
  testId?: string;
  onContextMenu?: (event: React.MouseEvent) => void;
}) {
  const { marks } = props;
  const openFile = useApp((s) => s.openFile);
  const dirty = marks.dirty.has(props.relPath);
  const broken = marks.broken.has(props.relPath);
  const classes = ['tree-row', 'file-row'];
  if (marks.active === props.relPath) classes.push('selected');
  if (props.muted) classes.push('muted');
  if (broken) classes.push('broken');
  return (
    <div
      className={classes.join(' ')}
      role="treeitem"
      tabIndex={0}
      // Long fixture names are cut in the tree: the tooltip gives the whole name and its file.
      title={props.relPath.endsWith(props.label) ? props.relPath : `${props.label}\n${props.relPath}`}
      data-testid={props.testId ?? `tree-file-${props.relPath}`}
      data-path={props.relPath}
      data-dirty={dirty ? 'true' : undefined}
      style={{ paddingLeft: 22 + props.depth * 12 }}
      onClick={() => void openFile(props.relPath)}
      onKeyDown={(e) => e.key === 'Enter' && void openFile(props.relPath)}
      onContextMenu={props.onContextMenu}
    >
      <Icon name={props.icon} className="file-icon" />
      <span className="tree-label">{props.label}</span>
      {props.muted ? <span className="tree-hint">disabled</span> : null}
      {broken ? <Icon name="error" className="problem-mark" title="This file has a problem" /> : null}
      {dirty ? <span className="dirty-dot" data-testid="dirty-marker" title="Unsaved changes" /> : null}
    </div>
  );
}
