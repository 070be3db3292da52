// wordpress (Apache + PHP): wp-load.php's redirect to the setup is an absolute URL from the Host
// header, with PHP's headers in Apache's order; Debian's apache2 logs `combined` with %O, the
// bytes sent including the status line and headers.

import { describe, expect, it } from "vitest";
import { docker } from "./replay-helpers";

describe("wordpress without a configuration", () => {
  const steps = docker("", "docker run -d --name wp -p 8080:80 wordpress\ncurl -si localhost:8080/\ndocker logs wp 2>/dev/null");

  it("redirects / to the setup, absolutely", () => {
    expect(steps[1]!.stdout).toBe(["HTTP/1.1 302 Found", "Date: Wed, 10 Jan 2024 00:00:00 GMT", "Server: Apache/2.4.62 (Debian)",
      "X-Powered-By: PHP/8.2.24", "Location: http://localhost:8080/wp-admin/setup-config.php", "Content-Length: 0",
      "Content-Type: text/html; charset=UTF-8", "", ""].join("\r\n"));
  });

  it("logs the request in the combined format with the response's size", () => {
    const head = steps[1]!.stdout.length; // all ASCII, and no body
    expect(steps[2]!.stdout).toBe(`172.17.0.1 - - [10/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 302 ${head} "-" "curl/8.5.0"\n`);
  });
});
