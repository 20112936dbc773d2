// Demo capacity tests and staff scores, through the services the pages use: four question banks of
// Mộc Châu (40 questions on the one-stop rules and the laws behind them), a campaign open now that the
// demo officers can take, one closed last month with their results, the town's scoring method, and
// last month's scores reviewed (two of them signed off) by the signing leader.

import type { Topic, TQuestionInput } from '../../shared/capacity/schema.js';
import { FixedClock, vietnamDate } from '../../shared/clock.js';
import { DEFAULT_METHOD, parsePeriod, previousMonth } from '../../shared/staff-scores/scoring.js';
import type { AppDeps } from '../context.js';
import {
  addQuestion,
  createBank,
  createCampaign,
  getAttempt,
  publishCampaign,
  saveAnswer,
  startAttempt,
  submitAttempt,
} from '../modules/capacity-tests/capacity-tests.service.js';
import { reviewScore, setMethod, signScore } from '../modules/staff-scores/staff-scores.service.js';
import { demoActor } from './demo.repository.js';

type DemoQuestion = [prompt: string, options: [string, boolean][], explanation: string];

const single = (prompt: string, right: string, wrong: string[], explanation: string): DemoQuestion => [
  prompt,
  [[right, true], ...wrong.map((w): [string, boolean] => [w, false])],
  explanation,
];

// Written from the general rules of the one-stop mechanism (Decree 61/2018/NĐ-CP, amended by Decree
// 107/2021/NĐ-CP; Circular 01/2018/TT-VPCP), administrative procedure control (Decree 63/2010/NĐ-CP),
// procedures on the electronic environment (Decree 45/2020/NĐ-CP) and the Civil Status Law 2014.
const BANKS: { code: string; topic: Topic; title: string; questions: DemoQuestion[] }[] = [
  {
    code: 'MC-PLTTHC',
    topic: 'procedure_law',
    title: 'Pháp luật về thủ tục hành chính',
    questions: [
      single(
        'Nghị định nào quy định về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính?',
        'Nghị định số 61/2018/NĐ-CP',
        ['Nghị định số 63/2010/NĐ-CP', 'Nghị định số 90/2020/NĐ-CP', 'Nghị định số 23/2015/NĐ-CP'],
        'Nghị định số 61/2018/NĐ-CP quy định về thực hiện cơ chế một cửa, một cửa liên thông; Nghị định số 63/2010/NĐ-CP là về kiểm soát thủ tục hành chính.',
      ),
      single(
        'Nghị định số 107/2021/NĐ-CP có nội dung chính là gì?',
        'Sửa đổi, bổ sung một số điều của Nghị định số 61/2018/NĐ-CP',
        [
          'Bãi bỏ toàn bộ Nghị định số 61/2018/NĐ-CP',
          'Quy định về chứng thực bản sao',
          'Quy định về đánh giá, xếp loại công chức',
        ],
        'Nghị định số 107/2021/NĐ-CP sửa đổi, bổ sung một số điều của Nghị định số 61/2018/NĐ-CP về cơ chế một cửa, một cửa liên thông.',
      ),
      single(
        'Nghị định số 45/2020/NĐ-CP quy định về nội dung nào?',
        'Thực hiện thủ tục hành chính trên môi trường điện tử',
        ['Kiểm soát thủ tục hành chính', 'Tiếp công dân', 'Xử lý vi phạm hành chính'],
        'Nghị định số 45/2020/NĐ-CP quy định về thực hiện thủ tục hành chính trên môi trường điện tử.',
      ),
      single(
        'Nghị định số 63/2010/NĐ-CP quy định về nội dung nào?',
        'Kiểm soát thủ tục hành chính',
        ['Cơ chế một cửa, một cửa liên thông', 'Đăng ký hộ tịch', 'Phí và lệ phí'],
        'Nghị định số 63/2010/NĐ-CP về kiểm soát thủ tục hành chính (đã được sửa đổi, bổ sung).',
      ),
      [
        'Những bộ phận nào sau đây thuộc các bộ phận tạo thành một thủ tục hành chính?',
        [
          ['Trình tự thực hiện', true],
          ['Thành phần, số lượng hồ sơ', true],
          ['Thời hạn giải quyết', true],
          ['Họ tên công chức tiếp nhận hồ sơ', false],
        ],
        'Một thủ tục hành chính gồm tên thủ tục, trình tự, cách thức thực hiện, hồ sơ, thời hạn giải quyết, đối tượng, cơ quan thực hiện, kết quả… Người tiếp nhận cụ thể không phải là bộ phận của thủ tục.',
      ],
      single(
        'Khi hồ sơ chưa đầy đủ, chưa chính xác, công chức tiếp nhận phải làm gì?',
        'Hướng dẫn đầy đủ, cụ thể một lần để người nộp bổ sung, hoàn thiện hồ sơ',
        [
          'Nhận hồ sơ rồi tự bổ sung giấy tờ còn thiếu',
          'Trả lại hồ sơ mà không cần giải thích',
          'Hẹn người nộp quay lại để được hướng dẫn tiếp',
        ],
        'Nguyên tắc "hướng dẫn một lần": người dân chỉ phải bổ sung hồ sơ một lần theo hướng dẫn đầy đủ, cụ thể.',
      ),
      single(
        'Hồ sơ được giải quyết quá hạn thì cơ quan có trách nhiệm phải làm gì?',
        'Gửi phiếu xin lỗi và hẹn lại ngày trả kết quả cho người nộp hồ sơ',
        [
          'Không phải làm gì nếu chậm dưới 5 ngày',
          'Yêu cầu người nộp nộp lại hồ sơ mới',
          'Chỉ cần báo miệng khi người dân đến hỏi',
        ],
        'Hồ sơ quá hạn phải có văn bản xin lỗi kèm hẹn lại ngày trả kết quả (Phiếu xin lỗi và hẹn lại ngày trả kết quả).',
      ),
      single(
        'Công chức tiếp nhận có được yêu cầu người dân nộp thêm giấy tờ ngoài thành phần hồ sơ đã được công bố không?',
        'Không, đây là hành vi bị nghiêm cấm',
        [
          'Có, nếu thấy cần để thẩm định kỹ hơn',
          'Có, nếu lãnh đạo đồng ý bằng lời',
          'Có, với hồ sơ nộp trực tuyến',
        ],
        'Yêu cầu bổ sung hồ sơ, giấy tờ ngoài quy định là một trong các hành vi không được làm khi giải quyết thủ tục hành chính.',
      ),
      single(
        'Thời hạn giải quyết thủ tục hành chính tính theo ngày làm việc thì không tính những ngày nào?',
        'Thứ Bảy, Chủ nhật và các ngày nghỉ lễ, Tết theo quy định',
        [
          'Chỉ không tính ngày Chủ nhật',
          'Không tính ngày người dân chưa đến nhận kết quả',
          'Tính tất cả các ngày trong tuần',
        ],
        'Ngày làm việc không gồm ngày nghỉ hằng tuần và ngày nghỉ lễ, Tết theo Bộ luật Lao động; các ngày làm bù do Chính phủ công bố được tính là ngày làm việc.',
      ),
      single(
        'Thời hạn giải quyết hồ sơ được tính từ thời điểm nào?',
        'Từ khi cơ quan có thẩm quyền nhận đủ hồ sơ hợp lệ',
        ['Từ khi người dân lấy số thứ tự', 'Từ khi lãnh đạo ký giao việc', 'Từ khi người dân nộp phí'],
        'Thời hạn giải quyết được tính từ khi nhận đủ hồ sơ hợp lệ, ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
      ),
    ],
  },
  {
    code: 'MC-MOTCUA',
    topic: 'one_stop',
    title: 'Cơ chế một cửa, một cửa liên thông',
    questions: [
      single(
        'Bộ phận Một cửa cấp huyện được tổ chức tại cơ quan nào?',
        'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân cấp huyện',
        ['Phòng Tư pháp', 'Phòng Nội vụ', 'Công an cấp huyện'],
        'Bộ phận Một cửa cấp huyện thuộc Văn phòng HĐND và UBND cấp huyện.',
      ),
      single(
        'Phiếu kiểm soát quá trình giải quyết hồ sơ dùng để làm gì?',
        'Theo dõi từng bước xử lý hồ sơ: ai nhận, ai xử lý, thời gian mỗi bước',
        ['Thu phí, lệ phí', 'Ghi ý kiến đánh giá của người dân', 'Thay cho Giấy tiếp nhận hồ sơ'],
        'Phiếu kiểm soát quá trình giải quyết hồ sơ đi cùng hồ sơ, ghi người và thời gian ở từng bước bàn giao.',
      ),
      single(
        'Giấy tiếp nhận hồ sơ và hẹn trả kết quả được lập khi nào?',
        'Khi hồ sơ đã đầy đủ, hợp lệ và được tiếp nhận',
        ['Khi hồ sơ đã giải quyết xong', 'Khi người dân yêu cầu bổ sung hồ sơ', 'Khi hồ sơ bị từ chối'],
        'Giấy tiếp nhận và hẹn trả kết quả ghi ngày hẹn, giao cho người nộp khi hồ sơ đủ, hợp lệ được tiếp nhận.',
      ),
      single(
        'Hồ sơ không thuộc thẩm quyền giải quyết thì Bộ phận Một cửa xử lý thế nào?',
        'Từ chối tiếp nhận bằng Phiếu từ chối tiếp nhận, nêu rõ lý do và hướng dẫn nơi nộp đúng',
        [
          'Vẫn tiếp nhận và để hồ sơ chờ',
          'Tự chuyển cho cơ quan khác mà không báo người nộp',
          'Trả lại hồ sơ mà không cần văn bản',
        ],
        'Việc từ chối tiếp nhận phải bằng phiếu, nêu rõ lý do.',
      ),
      single(
        'Cơ chế một cửa liên thông là gì?',
        'Cách giải quyết thủ tục liên quan nhiều cơ quan, người dân chỉ nộp hồ sơ và nhận kết quả tại một đầu mối',
        [
          'Mỗi cơ quan có một cửa tiếp nhận riêng',
          'Chỉ áp dụng cho hồ sơ nộp trực tuyến',
          'Người dân tự mang hồ sơ đến từng cơ quan',
        ],
        'Một cửa liên thông: các cơ quan phối hợp giải quyết, người dân giao dịch tại một đầu mối là Bộ phận Một cửa.',
      ),
      [
        'Những việc nào sau đây là nhiệm vụ của Bộ phận Một cửa?',
        [
          ['Hướng dẫn kê khai, chuẩn bị hồ sơ', true],
          ['Tiếp nhận hồ sơ và trả kết quả', true],
          ['Ký quyết định giải quyết thủ tục thay cơ quan có thẩm quyền', false],
        ],
        'Bộ phận Một cửa hướng dẫn, tiếp nhận, chuyển hồ sơ và trả kết quả; quyết định giải quyết thuộc cơ quan có thẩm quyền.',
      ],
      single(
        'Khi cần bổ sung hồ sơ trong quá trình giải quyết, cơ quan giải quyết thông báo cho người nộp bằng văn bản nào?',
        'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
        [
          'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
          'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
          'Sổ theo dõi hồ sơ',
        ],
        'Yêu cầu bổ sung được thông báo một lần bằng Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.',
      ),
      single(
        'Người nộp hồ sơ theo dõi tiến độ giải quyết thế nào là thuận tiện nhất?',
        'Tra cứu trên Cổng dịch vụ công bằng mã hồ sơ ghi trên giấy tiếp nhận',
        ['Gọi điện cho lãnh đạo cơ quan', 'Đến từng phòng chuyên môn để hỏi', 'Chờ đến ngày hẹn mới biết'],
        'Mỗi hồ sơ có mã riêng để tra cứu tình trạng giải quyết trực tuyến.',
      ),
      [
        'Những nội dung nào cần được công khai tại Bộ phận Một cửa?',
        [
          ['Danh mục thủ tục hành chính được giải quyết', true],
          ['Quy trình, thời hạn giải quyết, phí và lệ phí', true],
          ['Số điện thoại đường dây nóng tiếp nhận phản ánh', true],
          ['Thông tin cá nhân của người nộp hồ sơ', false],
        ],
        'Thủ tục, quy trình, thời hạn, phí, lệ phí và kênh phản ánh được công khai; thông tin cá nhân của người dân phải được bảo vệ.',
      ],
      single(
        'Sau khi nhận kết quả, người dân có thể đánh giá chất lượng phục vụ bằng cách nào?',
        'Đánh giá sự hài lòng trực tuyến hoặc tại máy đánh giá ở Bộ phận Một cửa',
        ['Chỉ có thể gửi đơn khiếu nại', 'Không có cách nào', 'Chỉ khi được lãnh đạo mời'],
        'Người dân được đánh giá việc giải quyết thủ tục hành chính; kết quả đánh giá được tổng hợp theo đơn vị và cán bộ.',
      ),
    ],
  },
  {
    code: 'MC-KYNANGSO',
    topic: 'digital_skills',
    title: 'Kỹ năng số và an toàn thông tin',
    questions: [
      single(
        'Mật khẩu nào sau đây an toàn nhất cho tài khoản công vụ?',
        'Một cụm dài gồm chữ hoa, chữ thường, chữ số và ký hiệu, không dùng cho tài khoản khác',
        ['Họ tên kèm năm sinh', '123456', 'Tên cơ quan viết liền'],
        'Mật khẩu dài, khó đoán và không dùng lại ở nơi khác làm giảm nguy cơ bị chiếm tài khoản.',
      ),
      single(
        'Nhận thư điện tử lạ yêu cầu bấm liên kết để "xác nhận mật khẩu" tài khoản công vụ, bạn nên làm gì?',
        'Không bấm liên kết, báo cho bộ phận phụ trách công nghệ thông tin',
        [
          'Bấm vào và nhập mật khẩu cho nhanh',
          'Chuyển tiếp cho đồng nghiệp kiểm tra giúp',
          'Trả lời thư để hỏi lại người gửi',
        ],
        'Đây là dấu hiệu thư lừa đảo (phishing); không nhập mật khẩu qua liên kết trong thư lạ.',
      ),
      single(
        'Dịch vụ công trực tuyến toàn trình là gì?',
        'Người dân thực hiện mọi bước, từ nộp hồ sơ đến nhận kết quả, trên môi trường mạng',
        [
          'Người dân nộp hồ sơ trực tuyến nhưng phải đến nộp bản giấy',
          'Chỉ tra cứu thông tin thủ tục trên mạng',
          'Chỉ thanh toán phí trực tuyến',
        ],
        'Toàn trình: cung cấp thông tin, nộp hồ sơ, xử lý, trả kết quả đều trên môi trường mạng.',
      ),
      single(
        'Chữ ký số trên văn bản điện tử có tác dụng gì?',
        'Xác thực người ký và bảo đảm văn bản không bị thay đổi sau khi ký',
        ['Làm văn bản đẹp hơn', 'Mã hóa để không ai đọc được', 'Thay thế số, ký hiệu văn bản'],
        'Chữ ký số gắn với người ký và phát hiện được mọi thay đổi nội dung sau khi ký.',
      ),
      single(
        'Xác thực hai yếu tố là gì?',
        'Ngoài mật khẩu, cần thêm một yếu tố khác như mã OTP gửi về điện thoại',
        ['Nhập mật khẩu hai lần', 'Dùng hai mật khẩu khác nhau', 'Hai người cùng đăng nhập'],
        'Yếu tố thứ hai khiến kẻ gian có mật khẩu vẫn chưa đăng nhập được.',
      ),
      single(
        'Khi rời máy tính làm việc một lúc, bạn nên làm gì?',
        'Khóa màn hình',
        ['Để nguyên màn hình', 'Tắt màn hình nhưng không khóa', 'Nhờ người dân trông máy'],
        'Khóa màn hình ngăn người khác xem hoặc thao tác trên hồ sơ của người dân.',
      ),
      [
        'Những dấu hiệu nào thường gặp ở thư điện tử lừa đảo?',
        [
          ['Địa chỉ người gửi lạ hoặc gần giống địa chỉ thật', true],
          ['Thúc giục làm ngay, dọa khóa tài khoản', true],
          ['Liên kết dẫn tới trang web giả mạo', true],
          ['Gửi từ hệ thống thư công vụ của cơ quan, đúng nội dung công việc đã trao đổi', false],
        ],
        'Địa chỉ lạ, giọng khẩn cấp và liên kết giả là những dấu hiệu điển hình.',
      ],
      single(
        'Gửi tệp có thông tin cá nhân của người dân cho cơ quan khác, nên dùng kênh nào?',
        'Hệ thống thư điện tử công vụ hoặc phần mềm quản lý văn bản của cơ quan',
        ['Tin nhắn mạng xã hội cá nhân', 'Thư điện tử cá nhân miễn phí', 'Đăng lên nhóm trò chuyện chung'],
        'Dữ liệu cá nhân phải đi qua các kênh công vụ được phép để bảo vệ người dân.',
      ),
      single(
        'Cập nhật phần mềm, hệ điều hành thường xuyên có tác dụng chính gì?',
        'Vá các lỗ hổng bảo mật đã được phát hiện',
        ['Làm máy chạy chậm lại', 'Xóa dữ liệu cũ', 'Không có tác dụng gì'],
        'Bản cập nhật thường vá lỗ hổng mà mã độc có thể khai thác.',
      ),
      single(
        'Khi số hóa giấy tờ của người dân để đính kèm hồ sơ điện tử, định dạng nào phổ biến và phù hợp nhất?',
        'PDF',
        [
          'Tệp âm thanh MP3',
          'Tệp nén chứa mật khẩu không báo cho cơ quan nhận',
          'Ảnh chụp màn hình điện thoại bị cắt xén',
        ],
        'Bản quét PDF rõ ràng, đủ trang là định dạng phổ biến để lưu và trao đổi giấy tờ.',
      ),
    ],
  },
  {
    code: 'MC-TUPHAP',
    topic: 'unit_field',
    title: 'Hộ tịch, chứng thực (Phòng Tư pháp)',
    questions: [
      single(
        'Theo Luật Hộ tịch, cha, mẹ có trách nhiệm đăng ký khai sinh cho con trong thời hạn bao lâu kể từ ngày sinh con?',
        '60 ngày',
        ['15 ngày', '30 ngày', '90 ngày'],
        'Trong thời hạn 60 ngày kể từ ngày sinh con, cha, mẹ có trách nhiệm đăng ký khai sinh cho con.',
      ),
      single(
        'Người có trách nhiệm phải đi đăng ký khai tử trong thời hạn bao lâu kể từ ngày có người chết?',
        '15 ngày',
        ['5 ngày', '30 ngày', '60 ngày'],
        'Luật Hộ tịch quy định thời hạn 15 ngày kể từ ngày có người chết.',
      ),
      single(
        'Trẻ em sinh ra ở Việt Nam, cha mẹ là công dân Việt Nam cư trú trong nước, đăng ký khai sinh tại đâu?',
        'Ủy ban nhân dân cấp xã nơi cư trú của cha hoặc mẹ',
        ['Phòng Tư pháp cấp huyện', 'Công an cấp xã', 'Sở Tư pháp'],
        'Ủy ban nhân dân cấp xã nơi cư trú của người cha hoặc người mẹ thực hiện đăng ký khai sinh.',
      ),
      single(
        'Hai công dân Việt Nam cư trú trong nước đăng ký kết hôn tại đâu?',
        'Ủy ban nhân dân cấp xã nơi cư trú của một trong hai bên',
        ['Tòa án nhân dân cấp huyện', 'Phòng Tư pháp cấp huyện', 'Nơi tổ chức đám cưới'],
        'Ủy ban nhân dân cấp xã nơi cư trú của một trong hai bên nam, nữ thực hiện đăng ký kết hôn.',
      ),
      single(
        'Đăng ký khai sinh đúng hạn cho công dân Việt Nam cư trú trong nước có phải nộp lệ phí không?',
        'Không, được miễn lệ phí',
        ['Có, theo mức của tỉnh', 'Có, gấp đôi nếu nộp trực tuyến', 'Chỉ miễn cho con thứ nhất'],
        'Luật Hộ tịch miễn lệ phí đăng ký khai sinh, khai tử đúng hạn, giám hộ, kết hôn của công dân Việt Nam cư trú trong nước.',
      ),
      single(
        'Nghị định số 23/2015/NĐ-CP quy định về nội dung nào?',
        'Cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch',
        ['Đăng ký hộ tịch', 'Cơ chế một cửa', 'Thực hiện thủ tục trên môi trường điện tử'],
        'Nghị định số 23/2015/NĐ-CP là văn bản chính về chứng thực.',
      ),
      single(
        'Người yêu cầu chứng thực bản sao từ bản chính phải xuất trình giấy tờ gì?',
        'Bản chính giấy tờ cần chứng thực và bản sao cần chứng thực',
        ['Chỉ cần bản sao', 'Giấy giới thiệu của cơ quan', 'Sổ hộ khẩu'],
        'Người thực hiện chứng thực đối chiếu bản sao với bản chính.',
      ),
      single(
        'Trích lục hộ tịch là gì?',
        'Văn bản do cơ quan có thẩm quyền cấp để chứng minh sự kiện hộ tịch đã được đăng ký',
        ['Đơn đề nghị đăng ký hộ tịch', 'Sổ ghi chép nội bộ của công chức tư pháp', 'Giấy hẹn trả kết quả'],
        'Trích lục hộ tịch chứng minh sự kiện hộ tịch của cá nhân đã đăng ký tại cơ quan đăng ký hộ tịch.',
      ),
      [
        'Với công dân Việt Nam cư trú trong nước, việc nào sau đây do Ủy ban nhân dân cấp xã đăng ký?',
        [
          ['Khai sinh', true],
          ['Kết hôn', true],
          ['Khai tử', true],
          ['Xác định lại dân tộc', false],
        ],
        'Khai sinh, kết hôn, khai tử thuộc cấp xã; xác định lại dân tộc thuộc thẩm quyền cấp huyện.',
      ],
      single(
        'Đăng ký kết hôn cần xác minh điều kiện kết hôn thì thời hạn giải quyết tối đa là bao lâu?',
        'Không quá 05 ngày làm việc',
        ['15 ngày làm việc', '30 ngày', '3 tháng'],
        'Thông thường giải quyết ngay khi nhận đủ giấy tờ; trường hợp cần xác minh thì không quá 05 ngày làm việc.',
      ),
    ],
  },
];

const at = (deps: AppDeps, moment: Date): AppDeps => ({ ...deps, clock: new FixedClock(moment) });
/** A Vietnam day and time as a moment. */
const vn = (day: string, time: string) => new Date(`${day}T${time}:00+07:00`);

const toInput = ([prompt, options, explanation]: DemoQuestion, index: number): TQuestionInput => ({
  code: `Q${String(index + 1).padStart(3, '0')}`,
  kind: options.filter(([, correct]) => correct).length > 1 ? 'multiple' : 'single',
  prompt,
  options: options.map(([text, correct]) => ({ text, correct })),
  explanation,
  active: true,
});

/** Takes a test as `username` at `start`, answering right except where `wrong` says (by position). */
async function takeTest(deps: AppDeps, username: string, campaign: string, start: Date, wrong: number[]) {
  const context = { actor: await demoActor(deps, username), requestId: 'demo-seed' };
  const begun = at(deps, start);
  const { attempt } = await startAttempt(begun, context, campaign);
  const view = await getAttempt(begun, context, attempt.id);
  for (const { question } of view.questions) {
    const right = question.options.filter((o) => o.correct).map((o) => o.key);
    const other = question.options.find((o) => !o.correct)!.key;
    const answering = at(deps, new Date(start.getTime() + question.position * 45_000));
    await saveAnswer(
      answering,
      context,
      attempt.id,
      question.position,
      wrong.includes(question.position) ? [other] : right,
    );
  }
  await submitAttempt(at(deps, new Date(start.getTime() + 12 * 60_000)), context, attempt.id);
}

/** Loads the demo's banks, campaigns, method and last month's scores. */
export async function loadDemoCapacity(deps: AppDeps): Promise<void> {
  const admin = { actor: await demoActor(deps, 'admin'), requestId: 'demo-seed' };
  for (const bank of BANKS) {
    await createBank(deps, admin, {
      code: bank.code,
      title: bank.title,
      topic: bank.topic,
      unit: '123',
      description: null,
    });
    for (const [index, question] of bank.questions.entries())
      await addQuestion(deps, admin, bank.code, toInput(question, index));
  }

  const now = deps.clock.now();
  const today = vietnamDate(now);
  const lastMonth = parsePeriod(previousMonth(today))!;
  const draw = { procedure_law: 3, one_stop: 3, digital_skills: 2, unit_field: 2 };
  const audience = {
    units: ['123'],
    roles: ['counter_officer', 'specialist', 'unit_head'] as (
      | 'counter_officer'
      | 'specialist'
      | 'unit_head'
    )[],
  };

  // Last month's quick test, taken by the three demo officers, now closed with its results.
  const closedOpens = vn(`${lastMonth.from.slice(0, 8)}05`, '08:00');
  const closedCloses = vn(`${lastMonth.from.slice(0, 8)}20`, '17:00');
  const organising = at(deps, new Date(closedOpens.getTime() - 2 * 24 * 3600_000));
  await createCampaign(organising, admin, {
    code: `KT-${lastMonth.code}`,
    title: `Kiểm tra nhanh kiến thức một cửa, tháng ${lastMonth.code.slice(5)}/${lastMonth.code.slice(0, 4)}`,
    description: 'Đợt kiểm tra thử trước kỳ kiểm tra năng lực hằng năm.',
    unit: '123',
    opensAt: closedOpens,
    closesAt: closedCloses,
    durationMinutes: 15,
    passMark: 50,
    draw: { procedure_law: 2, one_stop: 2, digital_skills: 2, unit_field: 2 },
    audience,
  });
  await publishCampaign(organising, admin, `KT-${lastMonth.code}`);
  const day = (n: number, time: string) =>
    vn(`${lastMonth.from.slice(0, 8)}${String(n).padStart(2, '0')}`, time);
  await takeTest(deps, 'specialist', `KT-${lastMonth.code}`, day(6, '09:10'), [5]);
  await takeTest(deps, 'counter', `KT-${lastMonth.code}`, day(7, '14:00'), [2, 6, 8]);
  await takeTest(deps, 'head', `KT-${lastMonth.code}`, day(8, '08:30'), [3]);

  // This year's capacity test, open now for two weeks: counter, specialist and head can take it.
  const year = today.slice(0, 4);
  await createCampaign(at(deps, new Date(now.getTime() - 2 * 24 * 3600_000)), admin, {
    code: `KTNL-${year}`,
    title: `Kiểm tra năng lực công chức năm ${year}`,
    description:
      'Kiểm tra trực tuyến hằng năm về pháp luật thủ tục hành chính, cơ chế một cửa, kỹ năng số và chuyên môn của đơn vị.',
    unit: '123',
    opensAt: vn(vietnamDate(new Date(now.getTime() - 24 * 3600_000)), '07:30'),
    closesAt: vn(vietnamDate(new Date(now.getTime() + 14 * 24 * 3600_000)), '17:00'),
    durationMinutes: 20,
    passMark: 50,
    draw,
    audience,
  });
  await publishCampaign(at(deps, new Date(now.getTime() - 2 * 24 * 3600_000)), admin, `KTNL-${year}`);

  // The town's scoring method, set by its signing leader, and last month's scores: the leader's
  // assessment of each officer, two of them signed off.
  const leader = { actor: await demoActor(deps, 'leader'), requestId: 'demo-seed' };
  await setMethod(deps, leader, {
    unit: '123',
    weights: DEFAULT_METHOD.weights,
    thresholds: DEFAULT_METHOD.thresholds,
    upheldPenalty: DEFAULT_METHOD.upheldPenalty,
  });
  const period = { unit: '123', period: lastMonth.code };
  await reviewScore(deps, leader, 'specialist', {
    ...period,
    leaderScore: 92,
    note: 'Giải quyết hồ sơ hộ tịch đúng hạn, hướng dẫn người dân tận tình.',
  });
  await reviewScore(deps, leader, 'counter', {
    ...period,
    leaderScore: 85,
    note: 'Tiếp nhận đúng quy trình; cần chủ động hướng dẫn nộp trực tuyến hơn.',
  });
  await reviewScore(deps, leader, 'head', { ...period, leaderScore: 88, note: null });
  await signScore(deps, leader, 'specialist', period);
  await signScore(deps, leader, 'counter', period);
}
