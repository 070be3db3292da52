// Vite's `?raw` imports (test fixtures read as text inside workerd, which has no filesystem).
declare module "*?raw" {
  const text: string;
  export default text;
}

// Vite's import.meta.glob (golden files, read at build time).
interface ImportMeta {
  glob<T = unknown>(pattern: string, options: { query: string; import: string; eager: true }): Record<string, T>;
}
