export * from './fixture.ts';
export * from './json.ts';
export * from './pipeline.ts';
export * from './studio.ts';
