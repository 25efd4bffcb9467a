import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/app-store-context.tsx';
import { filterTemplates, templateCategories } from '../store/templates-slice.ts';
import { Icon } from './icon.tsx';
import { SideHeader } from './side-bar.tsx';

/** The templates gallery's list: search and category filter; a click opens the preview tab. */
export function TemplatesView() {
  const s = useApp(
    useShallow((st) => ({
      templates: st.templates,
      state: st.templatesState,
      query: st.templateQuery,
      category: st.templateCategory,
      load: st.loadTemplates,
      setQuery: st.setTemplateQuery,
      setCategory: st.setTemplateCategory,
      openView: st.openView,
    })),
  );
  const { state, load } = s;
  useEffect(() => {
    if (state === 'idle') void load();
  }, [state, load]);
  const categories = useMemo(() => templateCategories(s.templates), [s.templates]);
  const shown = useMemo(
    () => filterTemplates(s.templates, s.query, s.category),
    [s.templates, s.query, s.category],
  );

  return (
    <div className="side-view">
      <SideHeader title="Templates" />
      <div className="side-search">
        <Icon name="search" />
        <input
          type="search"
          placeholder="Search templates"
          aria-label="Search templates"
          data-testid="template-search"
          value={s.query}
          onChange={(e) => s.setQuery(e.target.value)}
        />
      </div>
      <div className="chip-row">
        <button
          type="button"
          className={s.category === null ? 'chip active' : 'chip'}
          onClick={() => s.setCategory(null)}
        >
          All
        </button>
        {categories.map((c) => (
          <button
            key={c}
            type="button"
            className={s.category === c ? 'chip active' : 'chip'}
            data-testid={`template-category-${c}`}
            onClick={() => s.setCategory(s.category === c ? null : c)}
          >
            {c}
          </button>
        ))}
      </div>
      {state === 'loading' ? <p className="side-empty">Loading templates…</p> : null}
      {state === 'loaded' && shown.length === 0 ? <p className="side-empty">No template matches.</p> : null}
      <ul className="template-list" data-testid="template-list">
        {shown.map((t) => (
          <li key={t.id}>
            <button
              type="button"
              className="template-item"
              data-testid={`template-item-${t.id}`}
              onClick={() =>
                s.openView({
                  id: `template:${t.id}`,
                  title: t.title,
                  viewId: 'template-preview',
                  params: { id: t.id },
                })
              }
            >
              <span className="template-title">{t.title}</span>
              <span className="template-description">{t.description}</span>
              <span className="template-meta">
                <span className="tag">{t.category}</span>
                {t.triggers.map((tr) => (
                  <span key={tr} className="tag muted">
                    {tr}
                  </span>
                ))}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
