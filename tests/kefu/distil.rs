//! Distillation (`kefu train --distil-from`): a student trained towards a teacher's parses.

use candle_core::Device;
use kefu::nlu::distil::Teacher;
use kefu::nlu::{predict_all, BaseModel, Example, Labels, NluModel, Trainer};

use super::nlu::{synthetic, tiny_base, tiny_bert, tiny_params};

/// A trainer on `base` for `data`'s labels with the tiny recipe.
fn fresh_trainer(base: &BaseModel, data: &[Example], epochs: usize) -> Trainer {
    Trainer::new(
        base,
        &Device::Cpu,
        Labels::from_examples(data),
        tiny_params(epochs),
    )
    .unwrap()
}

fn trained(
    base: &BaseModel,
    data: &[Example],
    dev: &[Example],
    teacher: Option<Teacher>,
) -> NluModel {
    let mut trainer = fresh_trainer(base, data, 40);
    if let Some(t) = teacher {
        trainer.distil_from(t, 0).unwrap();
        assert_eq!(trainer.params().distil_weight, 1.0, "the recipe records it");
    }
    trainer.fit(data, dev, false).unwrap();
    trainer.into_model()
}

fn intents(model: &NluModel, data: &[Example]) -> Vec<String> {
    predict_all(model, data)
        .unwrap()
        .into_iter()
        .map(|p| p.intent)
        .collect()
}

/// The student is trained on labels with two intents swapped; taught by the teacher alone
/// (weight 1), it answers as the teacher does, where a student of the same data without a
/// teacher learns the swap. So the soft targets, not the gold labels, shaped it.
#[test]
fn a_student_taught_by_a_teacher_alone_answers_as_the_teacher() {
    let tmp = tempfile::tempdir().unwrap();
    let base_dir = tmp.path().join("base");
    tiny_bert(&base_dir, 2, None, None);
    let base = BaseModel::open(&base_dir).unwrap();
    let true_data = synthetic();
    let swapped: Vec<Example> = true_data
        .iter()
        .cloned()
        .map(|mut e| {
            e.intent = match e.intent.as_str() {
                "search" => "order_status".into(),
                "order_status" => "search".into(),
                other => other.into(),
            };
            e
        })
        .collect();
    let (a, b) = (
        Labels::from_examples(&swapped),
        Labels::from_examples(&true_data),
    );
    assert!(
        a.intents == b.intents && a.slots == b.slots,
        "the swap keeps the intents and slot types, so the teacher fits the student's data"
    );

    let teacher = trained(&base, &true_data, &true_data, None);
    let said_by_teacher = intents(&teacher, &true_data);
    let gold: Vec<String> = true_data.iter().map(|e| e.intent.clone()).collect();
    let agree = |a: &[String], b: &[String]| a.iter().zip(b).filter(|(x, y)| x == y).count();
    assert!(
        agree(&said_by_teacher, &gold) * 10 >= gold.len() * 9,
        "the teacher learned"
    );

    let alone = trained(&base, &swapped, &swapped, None);
    let swapped_gold: Vec<String> = swapped.iter().map(|e| e.intent.clone()).collect();
    assert!(
        agree(&intents(&alone, &swapped), &swapped_gold) * 10 >= gold.len() * 9,
        "without a teacher the student learns the swapped labels"
    );

    // The epoch is chosen on the true labels (a dev file is gold): it picks among what the
    // teacher taught, and cannot make a student that learned the swap agree with it.
    let student = trained(
        &base,
        &swapped,
        &true_data,
        Some(Teacher::new(teacher, 1.0).unwrap()),
    );
    let said_by_student = intents(&student, &swapped);
    assert!(
        agree(&said_by_student, &said_by_teacher) * 10 >= gold.len() * 9,
        "the student follows its teacher: {said_by_student:?} vs {said_by_teacher:?}"
    );
}

#[test]
fn a_teacher_with_other_labels_or_a_weight_outside_0_to_1_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let base_dir = tmp.path().join("base");
    tiny_bert(&base_dir, 3, None, None);
    let base = BaseModel::open(&base_dir).unwrap();
    let data = synthetic();
    let model = || fresh_trainer(&base, &data, 1).into_model();
    for w in [0.0, -0.5, 1.5] {
        let err = Teacher::new(model(), w).err().expect("refused").to_string();
        assert!(err.contains("distillation weight"), "{err}");
    }
    // A student whose data has an intent the teacher never had.
    let mut more = data.clone();
    more[0].intent = "greet".into();
    let mut trainer = fresh_trainer(&base, &more, 1);
    let err = trainer
        .distil_from(Teacher::new(model(), 0.5).unwrap(), 0)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("teacher does not fit") && err.contains("greet"),
        "{err}"
    );
    assert_eq!(
        trainer.params().distil_weight,
        0.0,
        "a refused teacher changes nothing"
    );
}

/// Altered copies labelled by the teacher alone train beside the gold sentences, and the
/// recipe says how many there were per sentence.
#[test]
fn a_student_learns_from_altered_sentences_only_the_teacher_labels() {
    let (_tmp, base) = tiny_base();
    let data = synthetic();
    let teacher = trained(&base, &data, &data, None);
    let said_by_teacher = intents(&teacher, &data);
    let mut trainer = fresh_trainer(&base, &data, 40);
    trainer
        .distil_from(Teacher::new(teacher, 1.0).unwrap(), 2)
        .unwrap();
    assert_eq!(trainer.params().distil_variants, 2, "the recipe records it");
    let history = trainer.fit(&data, &data, false).unwrap();
    assert!(!history.is_empty());
    let student = trainer.into_model();
    let said = intents(&student, &data);
    let agree = said
        .iter()
        .zip(&said_by_teacher)
        .filter(|(a, b)| a == b)
        .count();
    assert!(
        agree * 10 >= data.len() * 9,
        "the student follows its teacher: {said:?} vs {said_by_teacher:?}"
    );
}
