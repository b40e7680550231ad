"""``aiplus classifier create|import|train|predict|eval`` through the CLI runner."""

import json

from click.testing import CliRunner

from aiplus.classifier.models import Classifier, Prediction
from aiplus.cli import main
from tests.classifier.conftest import EXAMPLES


def test_create_import_train_predict_and_eval(alice, tmp_path):
    runner = CliRunner()
    made = runner.invoke(main, ["classifier", "create", "mail", "--name", "Mail", "--department", "dsd"])
    assert made.exit_code == 0, made.output
    examples = tmp_path / "examples.csv"
    examples.write_text(
        "text,label\n" + "".join(f'"{t}",{label}\n' for t, label in EXAMPLES), encoding="utf-8"
    )
    imported = runner.invoke(
        main, ["classifier", "import", "mail", str(examples), "--department", "dsd", "--json"]
    )
    assert imported.exit_code == 0 and json.loads(imported.output)["created"] == 15

    trained = runner.invoke(main, ["classifier", "train", "mail", "--department", "dsd"])
    assert trained.exit_code == 0 and "Cross-validated (5 folds)" in trained.output
    version = Classifier.objects.get(slug="mail").model_version

    letter = tmp_path / "letter.txt"
    letter.write_text("本人的小販牌照快將到期，請問如何續期？", encoding="utf-8")
    predicted = runner.invoke(
        main, ["classifier", "predict", "mail", str(letter), "--user", "alice", "--json"]
    )
    body = json.loads(predicted.output)
    assert predicted.exit_code == 0 and body["label"] == "renewal" and body["ranked"][0][0] == "renewal"
    assert Prediction.objects.get(pk=body["prediction_id"]).model_version == version

    figures = runner.invoke(main, ["classifier", "eval", "mail", "--department", "dsd"])
    assert figures.exit_code == 0 and "macro-F1" in figures.output and "renewal" in figures.output


def test_errors_are_clear_and_another_department_cannot_reach_it(letters, bob, tmp_path):
    runner = CliRunner()
    hidden = runner.invoke(
        main, ["classifier", "predict", "letters", "--text", "好嘈", "--user", "bob", "--department", "dsd"]
    )
    assert hidden.exit_code != 0 and "Not found" in hidden.output
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nfine,noise\n,refund\n", encoding="utf-8")
    refused = runner.invoke(main, ["classifier", "import", "letters", str(bad), "--department", "dsd"])
    assert refused.exit_code == 1 and "row 3" in refused.output
    neither = runner.invoke(main, ["classifier", "predict", "letters", "--department", "dsd"])
    assert neither.exit_code != 0 and "one of the two" in neither.output
