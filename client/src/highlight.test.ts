import { describe, expect, it } from "vitest";
import { highlightText, parseHighlight, unescapeHtml } from "./highlight";

describe("parseHighlight", () => {
  it("returns plain text as one unmarked segment", () => {
    expect(parseHighlight("来庁者予約アプリ")).toEqual([{ text: "来庁者予約アプリ", marked: false }]);
  });

  it("returns nothing for an empty string", () => {
    expect(parseHighlight("")).toEqual([]);
  });

  it("splits on <mark> tags", () => {
    expect(parseHighlight("児童扶養手当 <mark>現況</mark>報告の<mark>予約</mark>")).toEqual([
      { text: "児童扶養手当 ", marked: false },
      { text: "現況", marked: true },
      { text: "報告の", marked: false },
      { text: "予約", marked: true },
    ]);
  });

  it("unescapes entities inside and outside marks", () => {
    expect(parseHighlight("A&amp;B &lt;<mark>&quot;kintone&quot;</mark>&gt; &#39;R6&#39;")).toEqual([
      { text: "A&B <", marked: false },
      { text: '"kintone"', marked: true },
      { text: "> 'R6'", marked: false },
    ]);
  });

  it("keeps escaped markup as text instead of creating elements", () => {
    const segments = parseHighlight("&lt;script&gt;alert(1)&lt;/script&gt; &lt;mark&gt;x&lt;/mark&gt;");
    expect(segments).toEqual([{ text: "<script>alert(1)</script> <mark>x</mark>", marked: false }]);
  });

  it("treats unexpected raw tags as text, never as markup", () => {
    expect(parseHighlight('<img src=x onerror="alert(1)"><mark>予約</mark>')).toEqual([
      { text: '<img src=x onerror="alert(1)">', marked: false },
      { text: "予約", marked: true },
    ]);
  });

  it("decodes only once (&amp;lt; stays the text &lt;)", () => {
    expect(parseHighlight("&amp;lt;mark&amp;gt;")).toEqual([{ text: "&lt;mark&gt;", marked: false }]);
  });

  it("merges adjacent marks and tolerates unbalanced tags", () => {
    expect(parseHighlight("<mark>窓口</mark><mark>DX</mark>")).toEqual([{ text: "窓口DX", marked: true }]);
    expect(parseHighlight("a</mark>b")).toEqual([{ text: "ab", marked: false }]);
    expect(parseHighlight("前<mark>後")).toEqual([
      { text: "前", marked: false },
      { text: "後", marked: true },
    ]);
  });

  it("accepts upper-case and spaced mark tags", () => {
    expect(parseHighlight("<MARK>研修</ mark >")).toEqual([{ text: "研修", marked: true }]);
  });
});

describe("unescapeHtml", () => {
  it("decodes the five entities an HTML escaper produces", () => {
    expect(unescapeHtml("&amp; &lt; &gt; &quot; &#39;")).toBe("& < > \" '");
  });

  it("decodes numeric entities and leaves unknown or invalid ones alone", () => {
    expect(unescapeHtml("&#x27;&#12354;&nbsp;&#0;&#xD800;")).toBe("'あ&nbsp;&#0;&#xD800;");
  });
});

describe("highlightText", () => {
  it("gives the plain text of a highlighted title", () => {
    expect(highlightText("<mark>kintone</mark> &amp; 予約")).toBe("kintone & 予約");
  });
});
