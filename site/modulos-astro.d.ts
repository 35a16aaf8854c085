// For tools that do not understand .astro files (tsc over scripts, ESLint's type-aware rules):
// an .astro import is a component. `astro check` resolves the real component types instead.
declare module "*.astro" {
  const Componente: (props: Record<string, unknown>) => unknown;
  export default Componente;
}
