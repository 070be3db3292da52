// The API machinery helpers the controllers, scheduler and kubectl share: quantities (§9.1–9.2)
// and label selectors (§10).

import { describe, expect, test } from "vitest";
import { canonicalQuantity, compareQuantities, milliValue, parseQuantity, quantityError, unitValue } from "../../src/sim/k8s/api/quantity";
import { formatLabelSelector, labelSelectorMatches, matches, parseSelector } from "../../src/sim/k8s/api/selectors";

describe("quantity canonical form", () => {
  test.each([
    ["0.5", "500m"], ["1.5", "1500m"], ["2000m", "2"], ["0.1", "100m"], ["1500", "1500"], ["1500000", "1500k"],
    ["1000M", "1G"], ["1.5G", "1500M"], ["0.0001", "100u"], ["1.5Gi", "1536Mi"], ["0.5Gi", "512Mi"], ["1024Mi", "1Gi"],
    ["1.1Gi", "1181116007"], ["0.5Ki", "512"], ["128Mi", "128Mi"], ["1e3", "1e3"], [0.5, "500m"], [1024, "1024"], ["0", "0"],
  ] as const)("%s → %s", (input, out) => expect(canonicalQuantity(input)).toBe(out));
});

describe("quantity errors", () => {
  test.each([
    ["1Gb", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ["abc", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ["1K", "unable to parse quantity's suffix"],
    ["1.2.3", "unable to parse numeric part of quantity"],
    ["1 Gi", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
  ])("%s", (input, msg) => expect(quantityError(input)).toBe(msg));
  test("valid", () => expect(quantityError("250m")).toBeUndefined());
});

describe("quantity values", () => {
  test("milli cpu", () => {
    expect(milliValue("250m")).toBe(250);
    expect(milliValue("1")).toBe(1000);
    expect(milliValue(0.5)).toBe(500);
  });
  test("bytes", () => {
    expect(unitValue("128Mi")).toBe(134217728);
    expect(unitValue("1G")).toBe(1_000_000_000);
  });
  test("compare", () => {
    expect(compareQuantities(parseQuantity("1Gi"), parseQuantity("1G"))).toBe(1);
    expect(compareQuantities(parseQuantity("1000m"), parseQuantity("1"))).toBe(0);
  });
});

describe("label selectors", () => {
  const labels = { app: "web", env: "prod" };
  test.each([
    ["app=web", true], ["app==web", true], ["app!=web", false], ["tier!=fe", true], ["app in (web,api)", true],
    ["env notin (prod)", false], ["tier notin (fe)", true], ["app", true], ["!app", false], ["!tier", true],
    ["app=web,env=qa", false], ["", true], ["env in (prod, qa)", true],
  ] as const)("%s", (sel, want) => expect(matches(parseSelector(sel), labels)).toBe(want));

  test.each(["app in", "app=(", "a b", "x in=y"])("bad selector %s", (sel) => {
    expect(() => parseSelector(sel)).toThrow(/unable to parse requirement/);
  });

  test("LabelSelector with expressions", () => {
    const sel = { matchLabels: { app: "web" }, matchExpressions: [{ key: "env", operator: "In", values: ["qa", "prod"] }, { key: "legacy", operator: "DoesNotExist" }] };
    expect(labelSelectorMatches(sel, labels)).toBe(true);
    expect(formatLabelSelector(sel)).toBe("app=web,env in (prod,qa),!legacy");
    expect(labelSelectorMatches(null, labels)).toBe(false);
    expect(labelSelectorMatches({}, labels)).toBe(true);
  });
});
