import type { Route } from './route';

/** Placeholder until the categories manager lands (issue 5). */
export function CategoriesPanel(_: { route: Route }) {
  return <p>Categories</p>;
}
