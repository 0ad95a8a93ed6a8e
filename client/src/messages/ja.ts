import type { CaseKind } from "@kb/shared";

/**
 * Every piece of Japanese UI copy in one object (STYLE habit 11). Components read from here;
 * an English locale later is a second object of the same shape (`Messages`).
 * Kind labels, status labels and 年度 formatting come from @kb/shared so that the server,
 * exports and the UI all say the same thing.
 */
export const ja = {
  app: {
    name: "好事例ナレッジベース",
    skipToMain: "本文へスキップ",
    mainNav: "メインメニュー",
    navSearch: "好事例を探す",
    footer: "好事例ナレッジベース（庁内限定）",
    pageLoading: "ページを読み込んでいます…",
    titleSuffix: " | 好事例ナレッジベース",
  },

  search: {
    pageTitle: "好事例を探す",
    pageTitleFor: (q: string) => `「${q}」の検索結果`,
    heading: "好事例を探す",
    lead: "庁内で生まれたDX・業務改革の好事例を検索できます。ほかの課の取組を、あなたの課でも活かしてください。",
    formLabel: "好事例の検索",
    keywordLabel: "キーワード",
    keywordHint: "例：予約、kintone、研修。入力すると自動で検索します。",
    submit: "検索",
    resultsHeading: "検索結果",
    resultCount: (n: number) => `${n.toLocaleString("ja-JP")}件の好事例`,
    processingTime: (ms: number) => `（処理時間 ${ms.toLocaleString("ja-JP")}ミリ秒）`,
    searching: "検索しています…",
    noResults: "条件に合う好事例は見つかりませんでした。",
    noResultsHint: "キーワードを短くしたり言い換えたりするか、絞り込み条件を外してお試しください。",
    pageOutOfRange: "このページには表示できる好事例がありません。",
    firstPage: "最初のページへ",
  },

  facets: {
    heading: "絞り込み",
    toggle: "絞り込み条件",
    selected: (n: number) => `（${n}件選択中）`,
    kind: "種別",
    department: "所属",
    fiscalYear: "年度",
    tags: "タグ",
    /** The checkbox's label, and so its accessible name: "kintoneアプリ (12)". */
    option: (label: string, count: number) => `${label} (${count.toLocaleString("ja-JP")})`,
    showMore: (facet: string, n: number) => `${facet}をすべて表示（ほか${n}件）`,
    showLess: (facet: string) => `${facet}の表示を減らす`,
    empty: "選べる項目はありません。",
    clearAll: "絞り込みをすべて解除",
  },

  pagination: {
    label: "ページ送り",
    previous: "前へ",
    next: "次へ",
    status: (page: number, pages: number) => `${pages}ページ中 ${page}ページ目`,
  },

  card: {
    kind: "種別",
    department: "所属",
    fiscalYear: "年度",
    tags: "タグ",
  },

  casePage: {
    loading: "好事例を読み込んでいます…",
    notFound: "この好事例は見つかりません。",
    notFoundHint: "公開が終了したか、URLが正しくない可能性があります。検索から改めてお探しください。",
    backToResults: "検索結果に戻る",
    backToSearch: "好事例の検索へ",
    meta: {
      kind: "種別",
      department: "所属",
      fiscalYear: "年度",
      tags: "タグ",
      updatedAt: "最終更新",
      status: "状態",
    },
    sections: {
      summary: "概要",
      background: "背景・課題",
      actions: "取組内容",
      results: "成果",
      tips: "工夫・苦労した点",
    },
    effects: {
      heading: "定量効果",
      label: "項目",
      before: "導入前",
      after: "導入後",
      unit: "単位",
      none: "—",
      noneLabel: "記録なし",
    },
    detailsHeading: {
      KINTONE_APP: "アプリの概要",
      WORKSHOP: "開催概要",
      TALENT_LESSON: "知見の詳細",
      PRACTICE: "取組の詳細",
    } satisfies Record<CaseKind, string>,
  },

  /** Labels of the kind-specific details (field names as in shared/src/details.ts). */
  details: {
    KINTONE_APP: {
      purpose: "アプリの目的",
      mainFields: "主なフィールド",
      processSteps: "プロセス管理のステップ",
      plugins: "プラグイン・外部連携",
      recordVolume: "レコード数の目安",
      runsOnLgwan: "LGWAN環境での利用",
      needsInternet: "インターネット接続の要否",
      needsPlugins: "プラグインの要否",
    },
    WORKSHOP: {
      dates: "開催日",
      format: "開催形式",
      audience: "対象者",
      participantCount: "参加者数",
      facilitator: "講師・ファシリテーター",
      programme: "プログラム",
      outcomes: "成果・アウトカム",
      voices: "参加者の声",
    },
    TALENT_LESSON: {
      advisor: "外部人材",
      advisorRole: "役職・役割",
      engagement: "関わり方",
      lessonType: "知見の種類",
      theme: "テーマ",
      howToApply: "活かし方",
    },
    PRACTICE: {
      tools: "使用したツール",
    },
    values: {
      runsOnLgwan: { true: "利用できる", false: "利用できない" },
      needsInternet: { true: "必要", false: "不要" },
      needsPlugins: { true: "必要", false: "不要" },
      format: { ONSITE: "対面", ONLINE: "オンライン", HYBRID: "ハイブリッド（対面・オンライン併用）" },
      engagement: {
        ONE_ON_ONE: "1on1（個別面談）",
        WG_SUPPORT: "ワーキンググループ支援",
        TRAINING: "研修",
        OTHER: "その他",
      },
      lessonType: { SUCCESS_POINT: "成功のポイント", PITFALL: "つまずきやすい点", ADVICE: "助言" },
      participantCount: (n: number) => `${n.toLocaleString("ja-JP")}名`,
    },
  },

  errors: {
    search: "検索結果を取得できませんでした。時間をおいて、もう一度お試しください。",
    case: "好事例を読み込めませんでした。時間をおいて、もう一度お試しください。",
    network: "サーバーに接続できませんでした。ネットワークの状態をご確認のうえ、もう一度お試しください。",
    unauthenticated: "閲覧にはログインが必要です。ログインしてから、もう一度お試しください。",
    forbidden: "この情報を閲覧する権限がありません。",
    retry: "再読み込み",
    route: "ページを表示できませんでした。",
    routeHint: "お手数ですが、ページを再読み込みしてください。解決しない場合は事務局までお問い合わせください。",
  },

  notFound: {
    title: "ページが見つかりません。",
    body: "お探しのページは移動または削除されたか、URLが正しくない可能性があります。",
    link: "好事例の検索へ",
  },
};

export type Messages = typeof ja;
