//! Chinese questions about how something works here (退货政策是什么, 几天内能退, 不合适可以
//! 退吗) told from requests to do it (我要退货, 帮我取消订单): the Chinese side of
//! `super::asks_how_it_works`. Found as substrings of a message in Han characters.

/// Cues of a question about the rules: the rules themselves, how and how long, and
/// whether something may be done (可以, 能不能, 支持).
pub const HOW_IT_WORKS_CUES: &[&str] = &[
    "政策",
    "规定",
    "规则",
    "条件",
    "流程",
    "须知",
    "怎么",
    "如何",
    "多久",
    "多长时间",
    "几天",
    "多少天",
    "能不能",
    "能否",
    "可不可以",
    "可以",
    "是否",
    "支持",
    "允许",
];

/// Cues of a request for the action itself: they win over a question cue (可以帮我退货吗
/// asks for a return).
pub const ACTION_REQUEST_CUES: &[&str] = &[
    "我要",
    "帮我",
    "请帮",
    "麻烦",
    "申请",
    "办理",
    "给我退",
    "给我取消",
    "我想退",
    "我想换",
    "我想取消",
    "马上",
];

/// Whether a message in Han characters asks how something works rather than asking for it.
pub fn asks_how_it_works(text: &str) -> bool {
    let has = |cues: &[&str]| cues.iter().any(|c| text.contains(c));
    super::zh::has_han(text) && has(HOW_IT_WORKS_CUES) && !has(ACTION_REQUEST_CUES)
}
