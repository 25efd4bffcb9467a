import type { TemplateDetail, TemplateSummary } from '../../shared/ipc/results.ts';
import { errorMessage, type SliceCreator } from './app-state.ts';

export interface TemplatesSlice {
  templates: TemplateSummary[];
  templatesState: 'idle' | 'loading' | 'loaded' | 'error';
  templateQuery: string;
  /** `null`: every category. */
  templateCategory: string | null;
  selectedTemplate: TemplateDetail | null;
  loadTemplates(): Promise<void>;
  setTemplateQuery(query: string): void;
  setTemplateCategory(category: string | null): void;
  selectTemplate(id: string): Promise<void>;
}

export const createTemplatesSlice: SliceCreator<TemplatesSlice> = (api) => (set, get) => ({
  templates: [],
  templatesState: 'idle',
  templateQuery: '',
  templateCategory: null,
  selectedTemplate: null,
  loadTemplates: async () => {
    if (get().templatesState === 'loading') return;
    set({ templatesState: 'loading' });
    try {
      set({ templates: await api['templates.list'](), templatesState: 'loaded' });
    } catch (error) {
      set({ templatesState: 'error' });
      get().notify('error', `Could not list the templates: ${errorMessage(error)}`);
    }
  },
  setTemplateQuery: (templateQuery) => set({ templateQuery }),
  setTemplateCategory: (templateCategory) => set({ templateCategory }),
  selectTemplate: async (id) => {
    try {
      const detail = await api['templates.get']({ id });
      set({ selectedTemplate: detail });
    } catch (error) {
      get().notify('error', `Could not load the template ${id}: ${errorMessage(error)}`);
    }
  },
});

/** The categories present, sorted, for the gallery's filter. */
export function templateCategories(templates: readonly TemplateSummary[]): string[] {
  return [...new Set(templates.map((t) => t.category))].sort((a, b) => a.localeCompare(b));
}

/** Templates matching the category and every word of the query (name, description, category). */
export function filterTemplates(
  templates: readonly TemplateSummary[],
  query: string,
  category: string | null,
): TemplateSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return templates.filter((t) => {
    if (category && t.category !== category) return false;
    const text = `${t.title} ${t.description} ${t.category} ${t.id}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
