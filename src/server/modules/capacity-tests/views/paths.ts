// The addresses of the capacity-test pages, in one place so pages, redirects and tests agree.

/** Candidates: the tests I must take. */
export const MY_TESTS_PATH = '/can-bo/kiem-tra';
export const campaignStartPath = (code: string) => `${MY_TESTS_PATH}/${encodeURIComponent(code)}`;
export const attemptPath = (id: number) => `${MY_TESTS_PATH}/bai/${id}`;
export const questionPath = (id: number, position: number) => `${attemptPath(id)}/cau/${position}`;
export const reviewPath = (id: number) => `${attemptPath(id)}/nop`;
export const resultPath = (id: number) => `${attemptPath(id)}/ket-qua`;

/** Managers: banks and campaigns. */
export const BANKS_PATH = `${MY_TESTS_PATH}/ngan-hang`;
export const bankPath = (code: string) => `${BANKS_PATH}/${encodeURIComponent(code)}`;
export const newQuestionPath = (bank: string) => `${bankPath(bank)}/cau-hoi/moi`;
export const questionEditPath = (bank: string, question: string) =>
  `${bankPath(bank)}/cau-hoi/${encodeURIComponent(question)}`;
export const bankImportPath = (bank: string) => `${bankPath(bank)}/nhap`;
export const bankExportPath = (bank: string) => `${bankPath(bank)}/xuat`;

export const CAMPAIGNS_PATH = `${MY_TESTS_PATH}/dot`;
export const NEW_CAMPAIGN_PATH = `${CAMPAIGNS_PATH}/moi`;
export const campaignPath = (code: string) => `${CAMPAIGNS_PATH}/${encodeURIComponent(code)}`;
export const campaignEditPath = (code: string) => `${campaignPath(code)}/sua`;
export const campaignPublishPath = (code: string) => `${campaignPath(code)}/cong-bo`;
export const campaignGrantPath = (code: string) => `${campaignPath(code)}/cap-luot`;
export const campaignExportPath = (code: string) => `${campaignPath(code)}/xuat`;
