/** Line icons drawn on a 16×16 grid with `currentColor`, so they follow the theme. */
const PATHS = {
  files: 'M3 1.5h6l3.5 3.5v9.5h-9.5zM9 1.5V5h3.5',
  templates: 'M1.5 2.5h5v5h-5zM9.5 2.5h5v5h-5zM1.5 9.5h5v5h-5zM9.5 9.5h5v5h-5z',
  env: 'M2 4h12M2 8h12M2 12h12M5 2.5v3M11 6.5v3M7 10.5v3',
  key: 'M10.5 1.5a4 4 0 1 1-3.6 5.7L1.5 12.6v2h2.5v-1.5h1.5v-1.5H7l1.3-1.3A4 4 0 0 1 10.5 1.5zM11.5 4.5h.01',
  plus: 'M8 3v10M3 8h10',
  refresh: 'M13 3v3.5H9.5M13 6.5A5.5 5.5 0 1 0 13.5 10',
  close: 'M4 4l8 8M12 4l-8 8',
  chevron: 'M6 4l4 4-4 4',
  folder: 'M1.5 3.5h4.5l1.5 1.5h7v8.5h-13z',
  code: 'M5.5 4.5L2 8l3.5 3.5M10.5 4.5L14 8l-3.5 3.5',
  json: 'M5 2.5C3.5 2.5 3.5 4 3.5 5S3.5 7.5 2 8c1.5.5 1.5 2 1.5 3s0 2.5 1.5 2.5M11 2.5c1.5 0 1.5 1.5 1.5 2.5s0 2.5 1.5 3c-1.5.5-1.5 2-1.5 3s0 2.5-1.5 2.5',
  bolt: 'M9 1.5L3.5 9h4l-1 5.5L12.5 7h-4z',
  error: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM8 4.5v4.5M8 11.2v.01',
  warning: 'M8 1.8L1.3 14h13.4zM8 6v4M8 12v.01',
  info: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM8 7v4.5M8 4.8v.01',
  search: 'M7 2.5a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9zM10.3 10.3l3.7 3.7',
  trash: 'M2.5 4h11M6 4V2.5h4V4M3.5 4l1 10h7l1-10',
  edit: 'M10.5 2.5l3 3-8 8h-3v-3z',
  more: 'M3.5 8h.01M8 8h.01M12.5 8h.01',
  beaker: 'M6 1.5v5L2 13.5h12L10 6.5v-5M5 1.5h6',
  circle: 'M8 4a4 4 0 1 0 0 8 4 4 0 0 0 0-8z',
  cloud: 'M4.5 12.5h7a3 3 0 0 0 .4-6 4 4 0 0 0-7.7-.9A3.5 3.5 0 0 0 4.5 12.5z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon(props: { name: IconName; size?: number; className?: string; title?: string }) {
  const size = props.size ?? 16;
  return (
    // biome-ignore lint/a11y/noSvgWithoutTitle: decorative icons are aria-hidden; titled ones render <title>.
    <svg
      className={props.className ? `icon ${props.className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.3}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden={props.title ? undefined : true}
      role={props.title ? 'img' : undefined}
    >
      {props.title ? <title>{props.title}</title> : null}
      <path d={PATHS[props.name]} />
    </svg>
  );
}
