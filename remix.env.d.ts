/// <reference types="@remix-run/dev" />

import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    nonce: string;
    clientIp?: string;
    /** The server refused this request (scripts/serve.ts, sameOriginCheck): answered with the 403 page. */
    refused?: boolean;
  }
}

declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    nonce: string;
    clientIp?: string;
    /** The server refused this request (scripts/serve.ts, sameOriginCheck): answered with the 403 page. */
    refused?: boolean;
  }
}
