import { describe, expect, it } from "vitest";
import { POPULATION_BAND_LABELS, POPULATION_BANDS, populationBandOf } from "./organisation-terms.js";

describe("人口規模 bands", () => {
  it("put a population in one band, bounds lower-inclusive, and nothing known in 不明", () => {
    expect(populationBandOf(0)).toBe("UNDER_50K");
    expect(populationBandOf(49_999)).toBe("UNDER_50K");
    expect(populationBandOf(50_000)).toBe("FROM_50K");
    expect(populationBandOf(199_999)).toBe("FROM_50K");
    expect(populationBandOf(200_000)).toBe("FROM_200K");
    expect(populationBandOf(500_000)).toBe("FROM_500K");
    expect(populationBandOf(3_700_000)).toBe("FROM_500K");
    for (const unknown of [null, undefined, Number.NaN, -1]) expect(populationBandOf(unknown)).toBe("UNKNOWN");
  });

  it("have a label each", () => {
    expect(POPULATION_BANDS.map((b) => POPULATION_BAND_LABELS[b])).toEqual(["〜5万人", "5万〜20万人", "20万〜50万人", "50万人〜", "不明"]);
  });
});
