// Go's net/http writes the handler's headers sorted by name, then its own Date and
// Content-Length, then a Content-Type sniffed from the body when the handler set none; http.Error
// (404 page not found) sets the type and nosniff itself; http.Redirect its type, Location and a
// short HTML body.

import { describe, expect, it } from "vitest";
import { docker } from "./replay-helpers";

const head = (out: string) => out.split("\r\n\r\n")[0]!.split("\r\n");

describe("Go servers' headers", () => {
  const steps = docker("", [
    "docker run -d --name he -p 5678:5678 hashicorp/http-echo -text=hello",
    "curl -si localhost:5678/",
    "docker run -d --name p -p 9090:9090 prom/prometheus",
    "sleep 2",
    "curl -si localhost:9090/",
    "curl -si localhost:9090/nope",
    "docker run -d --name h -p 8080:8080 gcr.io/google-samples/hello-app:1.0",
    "curl -si localhost:8080/",
  ].join("\n"));

  it("http-echo: its app headers, then Date, Content-Length, the sniffed type", () => {
    expect(head(steps[1]!.stdout)).toEqual(["HTTP/1.1 200 OK", "X-App-Name: http-echo", "X-App-Version: 1.0.0",
      "Date: Wed, 10 Jan 2024 00:00:00 GMT", "Content-Length: 6", "Content-Type: text/plain; charset=utf-8"]);
  });

  it("prometheus: http.Redirect and http.NotFound", () => {
    expect(steps[4]!.stdout).toBe(["HTTP/1.1 302 Found", "Content-Type: text/html; charset=utf-8", "Location: /graph",
      "Date: Wed, 10 Jan 2024 00:00:02 GMT", "Content-Length: 29", "", '<a href="/graph">Found</a>.\n\n'].join("\r\n"));
    expect(head(steps[5]!.stdout)).toEqual(["HTTP/1.1 404 Not Found", "Content-Type: text/plain; charset=utf-8",
      "X-Content-Type-Options: nosniff", "Date: Wed, 10 Jan 2024 00:00:02 GMT", "Content-Length: 19"]);
  });

  it("hello-app: nothing set by the handler", () => {
    expect(head(steps[7]!.stdout)).toEqual(["HTTP/1.1 200 OK", "Date: Wed, 10 Jan 2024 00:00:02 GMT", "Content-Length: 52",
      "Content-Type: text/plain; charset=utf-8"]);
  });
});
