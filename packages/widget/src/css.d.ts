// esbuild inlines `.css` imports as minified text (see build-widget.ts).
declare module '*.css' {
  const css: string
  export default css
}
