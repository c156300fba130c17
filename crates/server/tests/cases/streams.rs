//! Digest authentication, the WebSocket echo and the streamed endpoints.
