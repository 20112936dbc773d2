// The Mộc Châu demo's public content: news articles drawn from the article the product is modelled on
// (seed/news/moc-chau-news.json, published, scheduled and a draft), comments on articles and
// procedures in every moderation status, and the hotline directory.
//
// Everything goes through the same service functions administrators use, so it is audited like real
// work. People are fictitious; phone numbers use the unassigned area code 0200, so no real person or
// number is published.
import { readFileSync } from 'node:fs';
import type { THotlineInput } from '../../shared/hotlines/schema.js';
import type { AppDeps } from '../context.js';
import { insertComment } from '../modules/comments/comments.repository.js';
import { moderateComment, resolveTarget } from '../modules/comments/comments.service.js';
import { uploadFile } from '../modules/files/files.service.js';
import { createHotline } from '../modules/hotlines/hotlines.service.js';
import { createNews, type NewsRow } from '../modules/news/news.service.js';
import { findSubtreeOn } from '../modules/units/units.repository.js';
import { demoActor } from './demo.repository.js';
import { demoPicture, type PictureVariant } from './demo-pictures.js';

export const DEMO_NEWS_FILE = new URL('../../../seed/news/moc-chau-news.json', import.meta.url);
// Kept here rather than imported from demo.ts, which imports this file.
const MOC_CHAU_CODE = '123';
const DEMO_UNITS_DATE = '2025-03-01';

interface SeedArticle {
  key: string;
  title: string;
  summary: string;
  paragraphs: string[];
  image: PictureVariant | null;
  imageAlt: string | null;
  /** Days before the demo was loaded; negative: scheduled that many days ahead; null: an undated draft. */
  daysAgo: number | null;
  state: 'published' | 'draft';
}

const DAY = 24 * 3600_000;

/** Comments in every moderation status, dated hours before the demo was loaded. */
const DEMO_COMMENTS: {
  target: { type: 'news'; key: string } | { type: 'procedure'; code: string };
  author: string | { username: string };
  body: string;
  status: 'pending' | 'published' | 'rejected';
  hoursAgo: number;
}[] = [
  {
    target: { type: 'news', key: 'cai-cach' },
    author: 'Lò Thị Thu',
    body: 'Tôi đi làm giấy khai sinh cho con ở phường, cán bộ hướng dẫn rất nhiệt tình, chỉ mất một buổi sáng là xong.',
    status: 'published',
    hoursAgo: 100,
  },
  {
    target: { type: 'news', key: 'cai-cach' },
    author: 'Hà Văn Dũng',
    body: 'Mong thị xã tiếp tục mở rộng sóng di động ở các bản vùng cao để bà con nộp hồ sơ trực tuyến thuận tiện hơn.',
    status: 'published',
    hoursAgo: 90,
  },
  {
    target: { type: 'news', key: 'cai-cach' },
    author: 'Nguyễn Thị Lan',
    body: 'Cho tôi hỏi thủ tục chuyển nhượng quyền sử dụng đất đã nộp trực tuyến được chưa ạ?',
    status: 'pending',
    hoursAgo: 20,
  },
  {
    target: { type: 'news', key: 'truc-tuyen' },
    author: 'Quàng Văn Long',
    body: 'Tổ công nghệ số ở bản tôi đã giúp cả xóm tạo tài khoản, giờ nộp hồ sơ không phải đi xa nữa.',
    status: 'published',
    hoursAgo: 12,
  },
  {
    target: { type: 'procedure', code: '1.001193' },
    author: { username: 'citizen' },
    body: 'Tôi đã làm thủ tục này trực tuyến, nhận kết quả đúng hẹn. Cảm ơn cán bộ Bộ phận Một cửa.',
    status: 'published',
    hoursAgo: 72,
  },
  {
    target: { type: 'procedure', code: '1.001193' },
    author: 'Mùa A Chứ',
    body: 'Nộp trực tuyến xong thì có phải mang giấy tờ gốc lên xã để đối chiếu không ạ?',
    status: 'published',
    hoursAgo: 30,
  },
  {
    target: { type: 'procedure', code: '1.000894' },
    author: 'Cầm Thị Ngọc',
    body: 'Đăng ký kết hôn có cần cả hai người cùng có mặt khi nhận kết quả không, hay một người đến là được?',
    status: 'pending',
    hoursAgo: 8,
  },
  {
    target: { type: 'procedure', code: '1.001612' },
    author: 'Đinh Văn Hải',
    body: 'Hộ bán hàng nhỏ ở chợ có bắt buộc phải đăng ký hộ kinh doanh không ạ?',
    status: 'pending',
    hoursAgo: 5,
  },
  {
    target: { type: 'procedure', code: '1.001612' },
    author: 'Khách',
    body: 'Bán chè Mộc Châu giá rẻ, giao hàng tận nơi, liên hệ ngay!!!',
    status: 'rejected',
    hoursAgo: 40,
  },
];

/** Fictitious leaders; the head of the Justice Division is the demo `head` account's person. */
const LEADERS: [position: string, person: string][] = [
  ['Chánh Văn phòng HĐND và UBND thị xã (phụ trách Bộ phận Một cửa)', 'Vì Thị Hằng'],
  ['Trưởng phòng Tư pháp', 'Đinh Thị Lan'],
  ['Trưởng phòng Tài nguyên và Môi trường', 'Lò Văn Khánh'],
  ['Trưởng phòng Quản lý đô thị', 'Nguyễn Đức Thịnh'],
  ['Trưởng phòng Kinh tế', 'Hoàng Văn Tiến'],
  ['Trưởng phòng Lao động - Thương binh và Xã hội', 'Bạc Thị Mai'],
  ['Giám đốc Chi nhánh Văn phòng Đăng ký đất đai thị xã', 'Trần Văn Sơn'],
];

function hotlineDirectory(wards: { fullName: string }[]): THotlineInput[] {
  const office = 'Giờ hành chính, thứ Hai đến thứ Sáu';
  return [
    {
      kind: 'chairperson',
      position: 'Chủ tịch Ủy ban nhân dân thị xã Mộc Châu',
      personName: 'Lường Văn Thành',
      phone: '02003866001',
      note: 'Tiếp nhận phản ánh về việc giải quyết thủ tục hành chính chậm, gây phiền hà',
      sortOrder: 0,
    },
    {
      kind: 'leader',
      position: 'Phó Chủ tịch Ủy ban nhân dân thị xã (phụ trách cải cách hành chính)',
      personName: 'Sa Văn Minh',
      phone: '02003866002',
      note: null,
      sortOrder: 0,
    },
    ...LEADERS.map(
      ([position, personName], i): THotlineInput => ({
        kind: 'leader',
        position,
        personName,
        phone: `0200386601${i}`,
        note: null,
        sortOrder: i + 1,
      }),
    ),
    {
      kind: 'unit',
      position: 'Bộ phận Một cửa thị xã (Văn phòng HĐND và UBND thị xã)',
      personName: null,
      phone: '02003866100',
      note: office,
      sortOrder: 0,
    },
    ...wards.map(
      (ward, i): THotlineInput => ({
        kind: 'unit',
        position: `Bộ phận Một cửa Ủy ban nhân dân ${ward.fullName}`,
        personName: null,
        phone: `020038661${String(i + 1).padStart(2, '0')}`,
        note: office,
        sortOrder: i + 1,
      }),
    ),
  ];
}

/** Loads the articles, comments and hotlines; returns how many of each. */
export async function loadDemoContent(
  deps: AppDeps,
): Promise<{ articles: number; comments: number; hotlines: number }> {
  const admin = await demoActor(deps, 'admin');
  const context = { actor: admin, requestId: 'demo-seed' };
  const now = deps.clock.now();

  const seed = JSON.parse(readFileSync(DEMO_NEWS_FILE, 'utf8')) as { articles: SeedArticle[] };
  const articles = new Map<string, NewsRow>();
  // Oldest first, so ids follow publication order.
  const ordered = [...seed.articles].sort((a, b) => (b.daysAgo ?? -1e9) - (a.daysAgo ?? -1e9));
  for (const article of ordered) {
    const image = article.image
      ? await uploadFile(deps, context, { bytes: demoPicture(article.image), name: `${article.key}.png` })
      : null;
    const row = await createNews(deps, context, {
      title: article.title,
      summary: article.summary,
      body: article.paragraphs.join('\n\n'),
      imageFileId: image?.id ?? null,
      imageAlt: article.imageAlt,
      publishAt: article.daysAgo === null ? null : new Date(now.getTime() - article.daysAgo * DAY),
      publish: article.state === 'published',
    });
    articles.set(article.key, row);
  }

  const db = deps.database.db;
  for (const comment of DEMO_COMMENTS) {
    const key =
      comment.target.type === 'news' ? String(articles.get(comment.target.key)?.id) : comment.target.code;
    const target = await resolveTarget(db, comment.target.type, key, now);
    const author = typeof comment.author === 'string' ? null : await demoActor(deps, comment.author.username);
    const id = await insertComment(db, {
      targetType: target.type,
      target: target.ref,
      authorId: author?.userId ?? null,
      authorName: author?.fullName ?? (comment.author as string),
      body: comment.body,
      at: new Date(now.getTime() - comment.hoursAgo * 3600_000),
    });
    if (comment.status !== 'pending') {
      await moderateComment(deps, context, id, {
        action: comment.status === 'published' ? 'publish' : 'reject',
      });
    }
  }

  const wards = (await findSubtreeOn(db, MOC_CHAU_CODE, DEMO_UNITS_DATE))
    .filter((unit) => unit.code !== MOC_CHAU_CODE)
    .sort((a, b) => a.code.localeCompare(b.code));
  const directory = hotlineDirectory(wards);
  for (const entry of directory) await createHotline(deps, context, entry);

  return { articles: articles.size, comments: DEMO_COMMENTS.length, hotlines: directory.length };
}
