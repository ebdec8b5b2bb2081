// Types of react-dom's Web Streams server renderer (its public `react-dom/server.browser` entry,
// used by app/entry.server.tsx); @types/react-dom declares it under `react-dom/server` only.
declare module "react-dom/server.browser" {
  export { renderToReadableStream } from "react-dom/server";
}
