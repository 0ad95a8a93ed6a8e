/**
 * The part of the Japanese copy (ja.ts) that the search page and the app's frame (header, footer,
 * error notices) show. It is its own module so that the search page's first load carries ~4 KB of
 * copy instead of all of it (client/src/lean-client.test.ts); ja.ts is built on it, so every
 * other page still reads one object. A key moves here when a module on the search page's first
 * load needs it: such modules import `searchPageMessages` (./searchPage.ts), and TypeScript refuses
 * a key that is not here.
 */
export const jaSearchPage = {
  app: {
    name: "好事例ナレッジベース",
    skipToMain: "本文へスキップ",
    mainNav: "メインメニュー",
    navSearch: "好事例を探す",
    footer: "好事例ナレッジベース",
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
    organisation: "自治体",
    prefecture: "都道府県",
    organisationKind: "団体区分",
    populationBand: "人口規模",
    /** The checkbox's label, and so its accessible name: "kintoneアプリ (12)". */
    option: (label: string, count: number) => `${label} (${count.toLocaleString("ja-JP")})`,
    showMore: (facet: string, n: number) => `${facet}をすべて表示（ほか${n}件）`,
    showLess: (facet: string) => `${facet}の表示を減らす`,
    empty: "選べる項目はありません。",
    clearAll: "絞り込みをすべて解除",
    showResults: (n: number) => `${n.toLocaleString("ja-JP")}件の結果を見る`,
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
    organisation: "自治体",
  },

  /** 似た自治体 (issue 16): favour cases of organisations like the reader's, and say why on the card. */
  similarTowns: {
    toggle: "似た自治体を優先",
    reasonsLabel: "似た自治体",
    sameKindAndSize: (kind: string) => `人口規模が近い${kind}の事例`,
    sameKind: (kind: string) => `同じ${kind}の事例`,
    sameSize: "人口規模が近い自治体の事例",
    samePrefecture: (prefecture: string) => `同じ${prefecture}の事例`,
  },

  // ── Issue 3: accounts, 投稿, 審査, notifications (client of the workflow) ──────────────────────

  auth: {
    login: "ログイン",
    logout: "ログアウト",
    loggedOut: "ログアウトしました。",
  },

  // ── Issue 12: アカウント設定 (one's own password and sessions) ─────────────────────────────────
  account: {
    nav: "アカウント設定",
  },

  header: {
    /** Visible next to the logout button: "山田 花子（子育て支援課）". */
    user: (name: string, department: string) => `${name}（${department}）`,
    userLabel: "ログイン中",
    navNew: "投稿する",
    navMine: "自分の投稿",
    navReview: "審査",
    navAdmin: "管理",
    /** 募集 (issue 16): what the secretariats call for. */
    navSolicitations: "募集",
    /** The bell's accessible name. */
    notificationsLabel: (unread: number) => (unread > 0 ? `お知らせ（未読${unread}件）` : "お知らせ（未読なし）"),
  },

  errors: {
    search: "検索結果を取得できませんでした。時間をおいて、もう一度お試しください。",
    network: "サーバーに接続できませんでした。ネットワークの状態をご確認のうえ、もう一度お試しください。",
    unauthenticated: "閲覧にはログインが必要です。ログインしてから、もう一度お試しください。",
    forbidden: "この情報を閲覧する権限がありません。",
    notFound: "お探しの情報は見つかりませんでした。削除されたか、URLが正しくない可能性があります。",
    rateLimited: "操作が続いたため、しばらく受け付けを停止しています。1分ほど待ってからもう一度お試しください。",
    retry: "再読み込み",
    route: "ページを表示できませんでした。",
    routeHint: "お手数ですが、ページを再読み込みしてください。解決しない場合は事務局までお問い合わせください。",
  },

  /** The ways on from a page that stopped: permission, login, not found (issue 13). */
  wayOn: {
    label: "次にできること",
    forbiddenHint: "ほかの役割（事務局・管理者など）のアカウントをお持ちなら、そのアカウントでログインし直すと表示できます。",
    signedOutHint: "ログインすると表示できる場合があります。ログインのあと、このページに戻ります。",
    logIn: "ログインする",
    switchAccount: "別のアカウントでログインし直す",
    back: "前のページに戻る",
    search: "好事例の検索へ",
    reload: "ページを再読み込みする",
  },

  notFound: {
    title: "ページが見つかりません。",
    body: "お探しのページは移動または削除されたか、URLが正しくない可能性があります。",
  },

  /** Search: order, relaxed matches, snippets, zero-result help, facet search (issue 4). */
  searchTools: {
    sortLabel: "並び順",
    relaxed: "すべての語を含む好事例が少ないため、一部の語だけに一致する好事例も後ろに表示しています。",
    snippetFrom: {
      summary: "概要",
      actions: "取組内容",
      results: "成果",
      background: "背景・課題",
      tips: "工夫・苦労した点",
    } as Record<string, string>,
    snippetLabel: (section: string) => `${section}より`,
    /** Why a card matched when no highlight shows it (synonym only, or some of the words). */
    matchReasonsLabel: "一致のしかた",
    matchSynonym: (term: string) => `同義語「${term}」に一致`,
    matchRelaxed: "検索語の一部に一致",
    facetSearchLabel: (facet: string) => `${facet}を絞り込み候補から探す`,
    facetSearchHint: "語の一部でも探せます（例：支援）",
    facetSearchEmpty: "該当する項目はありません。",
    unavailable: "検索サービスが一時的に利用できません。しばらくしてから、もう一度お試しください。",
  },

  /** 好事例の取り込み (admin; issue 7): CSV / Excel / kintone の書き出しから。 */
  /** The admin import page (issue 7; reworked for admins in issue 13: plain words, one step at a time). */
  /** Tags as a shared vocabulary: tag pages, the tag input, proposals, the vocabulary screen, bulk tagging (issue 8). */
  tags: {
    /** A tag chip's link (its accessible name is the tag itself). */
    pageOf: (tag: string) => `/tags/${encodeURIComponent(tag)}`,
    bulk: {
      open: "一括タグ付け",
      heading: "一括タグ付け（事務局）",
      lead: "検索結果の好事例に、タグをまとめて付けたり外したりします。変更は記録され、検索にも反映されます。",
      target: "対象",
      allResults: (n: number) => `この検索結果すべて（${n.toLocaleString("ja-JP")}件）`,
      selected: (n: number) => `選んだ好事例（${n.toLocaleString("ja-JP")}件）`,
      tooMany: (max: number) => `一度に変更できるのは${max.toLocaleString("ja-JP")}件までです。`,
      action: "操作",
      add: "タグを付ける",
      remove: "タグを外す",
      tagLabel: "タグ（1つ）",
      chooseOneTag: "タグを1つだけ選んでください。",
      chooseCases: "好事例を1件以上選んでください。",
      run: "実行する",
      confirm: (action: string, n: number, tag: string) => `${n.toLocaleString("ja-JP")}件の好事例で「${tag}」を${action}。よろしいですか？`,
      confirmAdd: "付けます",
      confirmRemove: "外します",
      progressLabel: "一括タグ付けの進み具合",
      progress: (done: number, total: number) => `${total.toLocaleString("ja-JP")}件中 ${done.toLocaleString("ja-JP")}件を処理しました。`,
      done: (changed: number, total: number, tag: string, add: boolean) =>
        `完了しました：${total.toLocaleString("ja-JP")}件のうち${changed.toLocaleString("ja-JP")}件${add ? "に" : "から"}「${tag}」を${add ? "付けました" : "外しました"}。検索結果には数秒で反映されます。`,
      failed: (done: number, total: number) =>
        `途中で止まりました（${total.toLocaleString("ja-JP")}件中 ${done.toLocaleString("ja-JP")}件は反映済み）。`,
      stalled: "処理が止まっているようです（サーバーの再起動など）。",
      resume: "続きから再開する",
      close: "閉じる",
    },
  },
  /** 横展開 (issue 5): the adoption ledger on the case page, the search filter and the card's count. */
  adoptions: {
    cardCount: (n: number) => `横展開 ${n}課`,
    cardCountLabel: "横展開",
    filterLabel: "横展開",
    filterOptions: { 0: "指定しない", 1: "1課以上が取り入れた", 3: "3課以上が取り入れた" } as Record<number, string>,
  },

  /** 部署ページ (/departments/:id, issue 5). */
  departments: {
    nav: "自分の課",
  },

  /** Curation (issue 5): home page, featured cases, 好事例集, the printable book, dashboard, exports. */
  curation: {
    nav: {
      collections: "好事例集",
      dashboard: "ダッシュボード",
    },
    home: {
      title: "ホーム",
      featuredCollections: "注目の好事例集",
      featuredCollectionsEmpty: "公開中の好事例集はまだありません。",
      allCollections: "好事例集をすべて見る",
      featuredCases: "事務局おすすめの好事例",
      featuredCasesEmpty: "おすすめの好事例はまだありません。",
      newCases: "新着の好事例",
      newCasesEmpty: "公開中の好事例はまだありません。",
      newCasesMore: "新しい順にすべて見る",
      mostAdopted: "多くの課が取り入れている好事例",
      mostAdoptedEmpty: "まだ取り入れの記録はありません。好事例のページから「検討中」「試行中」などを記録できます。",
      mostAdoptedMore: "横展開の多い順にすべて見る",
      adoptionCount: (n: number) => `${n.toLocaleString("ja-JP")}課が試行・導入`,
      entryCount: (n: number) => `${n.toLocaleString("ja-JP")}件の好事例`,
      browseAll: "すべての好事例を一覧で見る",
      loading: "ホームを読み込んでいます…",
      failed: "ホームの内容を読み込めませんでした。",
      reason: "選定理由",
    },
    /** 選んだ検索結果をまとめて好事例集に追加 (issue 13, secretariat). */
    bulkAdd: {
      select: (title: string) => `「${title}」を選ぶ`,
      selectLabel: "選ぶ",
      barLabel: "選んだ好事例",
      selectedCount: (n: number) => `${n.toLocaleString("ja-JP")}件を選んでいます`,
      open: (n: number) => `選んだ${n.toLocaleString("ja-JP")}件を好事例集に追加`,
      clear: "選択を解除",
      close: "閉じる",
      formLabel: "選んだ好事例を好事例集に追加",
      reasonHint: "選んだすべての好事例に、この選定理由が付きます（あとで1件ずつ直せます）。",
      reasonRequired: "選定理由を入力してください。",
      submit: (n: number) => `${n.toLocaleString("ja-JP")}件を追加する`,
      added: (title: string, n: number) => `「${title}」に${n.toLocaleString("ja-JP")}件追加しました。`,
      alreadyIn: (titles: string[]) =>
        `${titles.length.toLocaleString("ja-JP")}件はすでに入っていたので、そのままにしました（${titles.map((t) => `「${t}」`).join("、")}）。`,
      noneAdded: (title: string) => `選んだ好事例はすべて「${title}」に入っていました。追加したものはありません。`,
      openCollection: "好事例集を開く",
      failed: "追加できませんでした。",
    },
    exports: {
      searchCsv: "検索結果をCSVで書き出す",
      searchCsvHint: "Excelで開けるCSV（最大10,000件）",
    },
  },
};
