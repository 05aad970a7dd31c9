/**
 * The sandbox's world dressed for the store screenshots: its project, task and category names,
 * task notes and entry descriptions in the screenshot's language (so that a screenshot does not
 * mix languages: the seed also has Russian and Japanese ones, for the tests), and the seed's
 * hostile test strings (markup in names, for the tests that render them as text) replaced by
 * ordinary ones. People keep their names. Anything not listed keeps its English name.
 */
import type { Sandbox } from '../sandbox/index.ts';
import type { StoreLanguage } from './store-scenes.ts';

/** The seed's strings with markup, and its strings in other languages, for every language: [en, de, ja]. */
const EVERY_LANGUAGE: Record<string, [string, string, string]> = {
  'Подготовить отчёт для клиента': ['Prepare the client report', 'Kundenbericht vorbereiten', '顧客向けレポートの準備'],
  'デザインレビューの準備': ['Prepare the design review', 'Design-Review vorbereiten', 'デザインレビューの準備'],
  'Встреча с клиентом': ['Client meeting', 'Kundentermin', '顧客との打ち合わせ'],
  'デザインの確認': ['Design check', 'Design abgestimmt', 'デザインの確認'],
  'Сверка данных с клиентом': ['Checked the data with the client', 'Daten mit dem Kunden abgeglichen', '顧客とデータを突き合わせ'],
  '色のトークンを確認しました 🎨': ['Checked the colour tokens 🎨', 'Farb-Tokens geprüft 🎨', '色のトークンを確認しました 🎨'],
  '<img src=x onerror=alert(1)>Launch <script>alert("xss")</script>': ['Launch landing page copy', 'Texte für die Launch-Seite', 'ローンチページの原稿'],
  '<b>Overtime</b> & "après-ski" <script>alert(\'cat\')</script> 🎿': ['Overtime', 'Überstunden', '残業'],
  'Fixed <b>bold</b> bug & "quoted" <script>alert("entry")</script> text': ['Fixed the text formatting bug', 'Fehler in der Textformatierung behoben', '文字書式の不具合を修正'],
  '<img src=x onerror=alert("desc")> Reviewed <b>launch</b> copy & "quotes"': ['Reviewed the launch copy', 'Launch-Texte geprüft', 'ローンチ原稿を確認'],
  '<script>alert(1)</script>': ['Checked the tracking plan', 'Tracking-Plan geprüft', 'トラッキング計画を確認'],
  'Notes with markup: <b>not bold</b> <a href="javascript:alert(1)">link</a> & "quotes" \u2028 end.': ['Copy for the launch page, in the brand voice.', 'Texte für die Launch-Seite, im Ton der Marke.', 'ブランドの語り口で書くローンチページの原稿。'],
};

/** English name → [German, Japanese]. */
const NAMES: Record<string, [string, string]> = {
  // Projects, portfolios, sections
  'Website Redesign': ['Website-Relaunch', 'ウェブサイト刷新'],
  'Mobile App 2.0': ['Mobile-App 2.0', 'モバイルアプリ 2.0'],
  'Q3 Marketing Campaign': ['Marketingkampagne Q3', '第3四半期マーケティング施策'],
  'Internal Tools': ['Interne Werkzeuge', '社内ツール'],
  'Northwind Traders — Onboarding': ['Northwind Traders – Onboarding', 'Northwind Traders オンボーディング'],
  'Community Garden': ['Gemeinschaftsgarten', 'コミュニティガーデン'],
  'Client Work': ['Kundenprojekte', 'クライアント案件'],
  Operations: ['Betrieb', '運用'],
  'To do': ['Zu erledigen', '未着手'],
  // Categories
  Development: ['Entwicklung', '開発'],
  Design: ['Design', 'デザイン'],
  Meetings: ['Besprechungen', '会議'],
  'Code review': ['Code-Review', 'コードレビュー'],
  'Testing & QA': ['Test & QS', 'テスト・品質保証'],
  Research: ['Recherche', 'リサーチ'],
  Documentation: ['Dokumentation', 'ドキュメント'],
  'Customer support': ['Kundensupport', 'カスタマーサポート'],
  Planning: ['Planung', '計画'],
  'Project management': ['Projektmanagement', 'プロジェクト管理'],
  Marketing: ['Marketing', 'マーケティング'],
  Sales: ['Vertrieb', '営業'],
  Training: ['Schulung', 'トレーニング'],
  Travel: ['Reise', '出張'],
  Admin: ['Verwaltung', '事務'],
  'Legacy consulting': ['Altes Beratungsgeschäft', '旧コンサルティング'],
  // Tasks
  'Weekly client sync & status reports': ['Wöchentlicher Kunden-Abgleich & Statusberichte', '週次の顧客定例とステータス報告'],
  'Draft Q4 roadmap': ['Roadmap Q4 entwerfen', '第4四半期ロードマップの草案'],
  'Design system: shared color tokens': ['Designsystem: gemeinsame Farb-Tokens', 'デザインシステム: 共通カラートークン'],
  'Homepage hero redesign': ['Neues Hero-Bild der Startseite', 'トップページのヒーロー刷新'],
  'Export hero illustrations @2x': ['Hero-Illustrationen in @2x exportieren', 'ヒーローイラストを @2x で書き出し'],
  'Public beta launch': ['Start der öffentlichen Beta', 'パブリックベータ公開'],
  'Plan spring planting': ['Frühjahrspflanzung planen', '春の植え付け計画'],
  '🚀 Ship release notes for v2.0 ✨': ['🚀 Versionshinweise für v2.0 veröffentlichen ✨', '🚀 v2.0 のリリースノートを公開 ✨'],
  'Audit site accessibility (WCAG 2.2)': ['Barrierefreiheit der Website prüfen (WCAG 2.2)', 'サイトのアクセシビリティ監査 (WCAG 2.2)'],
  'Migrate blog to the new CMS': ['Blog ins neue CMS umziehen', 'ブログを新しい CMS へ移行'],
  'Write copy for the pricing page': ['Texte für die Preisseite schreiben', '料金ページの原稿作成'],
  'Fix broken links on the careers page': ['Defekte Links auf der Karriereseite reparieren', '採用ページのリンク切れを修正'],
  'Implement push notification opt-in': ['Einwilligung für Push-Mitteilungen umsetzen', 'プッシュ通知のオプトインを実装'],
  'Crash on Android 14 when rotating the editor': ['Absturz unter Android 14 beim Drehen des Editors', 'Android 14 でエディタを回転すると落ちる'],
  'Add dark mode to the settings screen': ['Dunkelmodus für die Einstellungen', '設定画面にダークモードを追加'],
  'Prepare App Store screenshots': ['App-Store-Screenshots vorbereiten', 'App Store 用スクリーンショットの準備'],
  'Plan webinar with partner agency': ['Webinar mit der Partneragentur planen', 'パートナー代理店とのウェビナー企画'],
  'Newsletter — September issue': ['Newsletter – Septemberausgabe', 'ニュースレター 9月号'],
  'Social media calendar for October': ['Social-Media-Kalender für Oktober', '10月のSNSカレンダー'],
  'Brief agency on the video ad': ['Agentur zum Videospot briefen', '動画広告について代理店に説明'],
  'Set up CI cache for the monorepo': ['CI-Cache für das Monorepo einrichten', 'モノレポの CI キャッシュを設定'],
  'Rotate staging database credentials': ['Zugangsdaten der Staging-Datenbank erneuern', 'ステージング DB の認証情報を更新'],
  'Update the onboarding checklist': ['Onboarding-Checkliste aktualisieren', 'オンボーディングのチェックリストを更新'],
  'Evaluate expense tools': ['Spesen-Tools bewerten', '経費精算ツールの比較'],
  'Kickoff workshop agenda': ['Agenda für den Kickoff-Workshop', 'キックオフワークショップのアジェンダ'],
  'Import legacy customer data': ['Alte Kundendaten importieren', '旧顧客データのインポート'],
  'Configure SSO for Northwind': ['SSO für Northwind einrichten', 'Northwind の SSO を設定'],
  'Training session for the support team': ['Schulung für das Support-Team', 'サポートチーム向けトレーニング'],
  // Task notes
  'One set of tokens for web and mobile. Time goes to whichever project the work was for.': [
    'Ein Satz Tokens für Web und Mobil. Die Zeit geht an das Projekt, für das gearbeitet wurde.',
    'Web とモバイルで共通のトークン。時間は作業した側のプロジェクトに付けます。',
  ],
  'Recurring: every Monday. Log the time of the call and of the written report.': ['Jeden Montag. Die Zeit für den Anruf und den Bericht erfassen.', '毎週月曜日。通話と報告書作成の時間を記録します。'],
  // Entry descriptions
  'Pairing session with Alex': ['Pair-Programming mit Alex', 'Alex とペア作業'],
  'Reviewed pull requests': ['Pull-Requests geprüft', 'プルリクエストをレビュー'],
  'Client call — agreed next steps': ['Kundentermin – nächste Schritte vereinbart', '顧客との通話、次の手順を合意'],
  'Fixed flaky end-to-end test': ['Instabilen End-to-End-Test repariert', '不安定な E2E テストを修正'],
  'Wrote acceptance criteria': ['Abnahmekriterien geschrieben', '受け入れ基準を作成'],
  'Prepared slides for the demo': ['Folien für die Demo vorbereitet', 'デモ用スライドを準備'],
  'Investigated slow query on reports page': ['Langsame Abfrage der Berichtsseite untersucht', 'レポート画面の遅いクエリを調査'],
  'Sprint planning': ['Sprint-Planung', 'スプリント計画'],
  'Updated the style guide': ['Styleguide aktualisiert', 'スタイルガイドを更新'],
  'Answered support tickets': ['Support-Tickets beantwortet', 'サポートチケットに回答'],
  'Refactored settings form': ['Einstellungsformular überarbeitet', '設定フォームをリファクタリング'],
  'Design critique': ['Design-Kritik', 'デザインレビュー会'],
  'Onboarding call': ['Onboarding-Gespräch', 'オンボーディングの通話'],
  'Résumé of the workshop for the team': ['Zusammenfassung des Workshops fürs Team', 'チーム向けワークショップのまとめ'],
  '☕ Quick sync, then deep work 🚀': ['☕ Kurze Abstimmung, dann konzentriert gearbeitet 🚀', '☕ 短い打ち合わせのあと集中作業 🚀'],
  'Today’s work': ['Arbeit von heute', '今日の作業'],
  'Exported 24 assets': ['24 Assets exportiert', '24 点の素材を書き出し'],
  'Go/no-go checklist': ['Go/No-Go-Checkliste', 'Go/No-Go チェックリスト'],
  '✍️ First draft 🎉': ['✍️ Erster Entwurf 🎉', '✍️ 初稿 🎉'],
  'Rejected: wrong project': ['Abgelehnt: falsches Projekt', '却下: プロジェクト違い'],
};

/** A name in `lang`. */
export function storeName(name: string, lang: StoreLanguage): string {
  const i = lang === 'en' ? 0 : lang === 'de' ? 1 : 2;
  const everywhere = EVERY_LANGUAGE[name];
  if (everywhere) return everywhere[i]!;
  return lang === 'en' ? name : (NAMES[name]?.[i - 1] ?? name);
}

/** Renames the world's projects, portfolios, sections, categories, tasks and entries for `lang`, in place. */
export function dressWorld(world: Sandbox['world'], lang: StoreLanguage): void {
  for (const p of world.projects.values()) {
    p.name = storeName(p.name, lang);
    p.section.name = storeName(p.section.name, lang);
  }
  for (const p of world.portfolios.values()) p.name = storeName(p.name, lang);
  for (const c of world.categories.values()) c.name = storeName(c.name, lang);
  for (const t of world.tasks.values()) {
    t.name = storeName(t.name, lang);
    if (t.notes) t.notes = storeName(t.notes, lang).replace(/^Context for “(.*)”\.$/, (_, n: string) => (lang === 'en' ? `Context for “${n}”.` : lang === 'de' ? `Hintergrund zu „${storeName(n, lang)}“.` : `「${storeName(n, lang)}」の背景。`));
  }
  for (const e of world.entries.values()) if (e.description) e.description = storeName(e.description, lang);
}
