//! The cart in Chinese: the words that name it and the cues that add to it, take out of
//! it, empty it or change a count in it. Chinese has no spaces, so a cue is found as a
//! substring of a message written in Han characters (`super::has_cue` asks here).

/// Words that name the shopper's cart.
pub const CART_WORDS: &[&str] = &["购物车", "购物袋", "结算"];

/// Cues that put something in the cart: 加入购物车, 加购, 放进去, 帮我下单.
pub const ADD_CUES: &[&str] = &[
    "加入", "加到", "加进", "加购", "放进", "放入", "放到", "再来", "下单",
];

/// Cues that take something out of the cart: 把耳机删掉, 去掉第二个, 耳机不要了.
pub const REMOVE_CUES: &[&str] = &[
    "删掉",
    "删除",
    "删了",
    "去掉",
    "拿掉",
    "拿出",
    "移除",
    "移出",
    "不要了",
    "不想要了",
];

/// Cues that empty the whole cart: 清空购物车, 全部删掉.
pub const EMPTY_CUES: &[&str] = &["清空", "全部删", "都删", "全删", "全部清", "全部去掉"];

/// Cues that change how many of something: 改成两件, 换成三双, 数量改一下.
pub const RECOUNT_CUES: &[&str] = &["改成", "改为", "换成", "数量", "只要"];

/// Whether a message in Han characters carries one of `cues`.
pub fn has_cue(text: &str, cues: &[&str]) -> bool {
    super::zh::has_han(text) && cues.iter().any(|c| text.contains(c))
}
