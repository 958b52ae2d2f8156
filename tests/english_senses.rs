//! The senses the built-in English lexicon tells apart, one sentence each
//! (written for this test): a word that hedges in one use and not in
//! another must be labelled accordingly. A row that fails names the
//! sentence and the cues that counted.

use hedgescore::{ScoredText, Scorer};

/// (what the row guards, sentence, expected uncertain)
const SENSES: &[(&str, &str, bool)] = &[
    // "possible": a doubt, but not a range or a deadline.
    (
        "possible that",
        "It is possible that the bridge was closed.",
        true,
    ),
    (
        "as soon as possible",
        "Repairs will start as soon as possible.",
        false,
    ),
    (
        "as X as possible",
        "The crew kept the road as clear as possible.",
        false,
    ),
    (
        "all possible",
        "We tested all possible pairs of sensors.",
        false,
    ),
    (
        "superlative possible",
        "The team reached the highest possible score.",
        false,
    ),
    // "potential": a possibility, but not a capacity or a physical quantity.
    (
        "a potential takeover",
        "The firms are close to a potential takeover deal.",
        true,
    ),
    (
        "their potential",
        "The scheme helps pupils fulfil their potential.",
        false,
    ),
    (
        "membrane potential",
        "The drug lowered the membrane potential of the cells.",
        false,
    ),
    // "hypothesis": a guess, but not the statistical procedure.
    (
        "hypothesis that",
        "Our hypothesis is that the pump failed first.",
        true,
    ),
    (
        "null hypothesis",
        "The null hypothesis was rejected at the 5% level.",
        false,
    ),
    (
        "this hypothesis",
        "Consistent with this hypothesis, the pump stopped first.",
        false,
    ),
    // Belief and accusation pass on a claim nobody has settled.
    (
        "third person's belief",
        "The coach believes the team can still win the league.",
        true,
    ),
    (
        "another's thinking",
        "She thinks the plant will close next year.",
        true,
    ),
    (
        "accused of",
        "The regulator accused the bank of hiding its losses.",
        true,
    ),
    (
        "a belief in the past",
        "She never thought she would win the title.",
        true,
    ),
    (
        "believed",
        "The company believed the field would produce oil for decades.",
        true,
    ),
    (
        "allegations with no content given",
        "The firm sent a reply to those allegations in May.",
        false,
    ),
    (
        "the accused as a noun",
        "The accused was sentenced to two years in prison.",
        false,
    ),
    (
        "seen as, by no one named",
        "The deal is seen as a turning point for the firm.",
        true,
    ),
    // "if": a condition and an embedded question ("whether") both leave
    // a claim open (docs/LABELLING.md U3, U4).
    (
        "conditional if",
        "If the river rises, the road is closed.",
        true,
    ),
    (
        "unless",
        "The plant will close unless a buyer is found.",
        true,
    ),
    (
        "if anything (an idiom)",
        "If anything, the second film is darker.",
        false,
    ),
    (
        "check if",
        "Engineers will check if the bridge is safe.",
        true,
    ),
    ("not sure if", "She is not sure if the shop is open.", true),
    // An investigation leaves the matter it looks into open.
    (
        "investigating the cause",
        "Officers are investigating the cause of the crash.",
        true,
    ),
    (
        "examining whether",
        "Police are examining whether the fire was started deliberately.",
        true,
    ),
    // A condition on the speaker's or the listener's own case ("if you",
    // "if I") too.
    (
        "if you",
        "If you like slow thrillers, the sequel is worth a look.",
        true,
    ),
    (
        "if I",
        "If I remember rightly, the shop closed in June.",
        true,
    ),
    (
        "if you're",
        "The café is a good stop if you're walking the coast path.",
        true,
    ),
    ("if inside a word", "The gift you bought is lovely.", false),
    ("if your", "The lid sticks if your hands are wet.", true),
    (
        "if my",
        "If my memory serves, the shop closed in June.",
        true,
    ),
    (
        "if I kappa B (a protein)",
        "Transcription stops if I kappa B alpha is not degraded.",
        false,
    ),
    (
        "if on a thing",
        "The sample was discarded if it was older than a week.",
        true,
    ),
    // A weaker booster in the sentence does not settle a hedge.
    (
        "booster beside a hedge",
        "Of course the shop is probably closed by now.",
        true,
    ),
    (
        "stronger boosters",
        "It is clearly and certainly a likely winner.",
        false,
    ),
    // An expectation or a forecast leaves the outcome open, but not one
    // compared with an outcome the sentence states.
    ("expected", "Analysts had expected a second rate cut.", true),
    (
        "better than expected",
        "Sales were better than expected in March.",
        false,
    ),
    (
        "as expected",
        "As expected, the bank held interest rates.",
        false,
    ),
    (
        "forecast",
        "The bank has forecast a fall in house prices.",
        true,
    ),
    (
        "stronger than forecast",
        "The economy grew faster than forecast.",
        false,
    ),
    // "would": hypothetical, but a backshifted "will" in reported speech.
    (
        "hypothetical would",
        "A new line would cut journey times by half.",
        true,
    ),
    (
        "reported would",
        "The minister said the new line would open next spring.",
        false,
    ),
    (
        "reported counterfactual",
        "The coach said a late goal would not have changed the result.",
        true,
    ),
    (
        "would after present-tense say",
        "Critics say the law would favour large companies.",
        true,
    ),
    (
        "would in a condition",
        "If the council decided to sell the site it would lose the grant.",
        true,
    ),
    (
        "would in a question",
        "The minister did not say when the line would open.",
        true,
    ),
    // General extenders leave a quantity or a list open.
    ("or so", "The repairs will take a week or so.", true),
    (
        "or something",
        "The band called it a farewell or something.",
        true,
    ),
    (
        "or whatever",
        "Bring a tent, a van or whatever you have.",
        true,
    ),
    (
        "or so-called",
        "The bill was opposed by landlords or so-called investors.",
        false,
    ),
    // Review finding: "as possible that" is a doubt, not "as X as possible".
    (
        "as possible that",
        "Police regard it as possible that the suspect fled abroad.",
        true,
    ),
    // Review finding: "let us know if" is a request, not "whether".
    (
        "let us know if",
        "Let us know if you see anything suspicious, police said.",
        false,
    ),
    // Review finding: places and audiences after "many" describe.
    (
        "many parts",
        "Heavy snow fell in many parts of Scotland overnight.",
        false,
    ),
    (
        "many fans",
        "Many fans queued overnight for tickets.",
        false,
    ),
    (
        "many countries",
        "Many countries have banned the pesticide.",
        false,
    ),
    // "some" and "many" before a group of people named by its form (a
    // belief, a trade, an origin) pin a claim on no one in particular.
    (
        "some before a group of believers",
        "Some Anglicans oppose the new rules.",
        true,
    ),
    (
        "many before a trade, after a modifier",
        "Many jazz musicians moved to Paris after the war.",
        true,
    ),
    ("some before things", "Some proteins bind the site.", false),
    (
        "many before a receptor ligand",
        "Many agonists bind the receptor.",
        false,
    ),
    (
        "many before plans",
        "Many plans for the site were dropped.",
        false,
    ),
    // Verbs of holding to a claim report speech, and hearsay passes on a
    // claim from no one named: no cues in news (docs/LABELLING.md C1,
    // C2; the weasel pack counts them).
    (
        "insisted that",
        "The club insisted that the manager would stay.",
        false,
    ),
    (
        "maintain that",
        "Critics maintain that the bridge is unsafe.",
        false,
    ),
    (
        "reportedly",
        "The striker reportedly agreed a new contract.",
        false,
    ),
    (
        "maintain without that",
        "Staff maintain the machines every week.",
        false,
    ),
    (
        "assert without that",
        "He asserted his right to speak.",
        false,
    ),
    // Open questions, but not a contest or a debate held.
    (
        "hotly disputed",
        "The border between the farms is hotly disputed.",
        true,
    ),
    (
        "hotly contested award",
        "She won the hotly contested best actress award.",
        false,
    ),
    (
        "bill debated",
        "The bill was debated in parliament on Monday.",
        false,
    ),
    // "thought": a noun or a report alone, tentative belief in the first person.
    ("I thought", "I thought the ending was rushed.", true),
    ("thought as a noun", "Her first thought was of home.", false),
    // "could": possibility, but past ability in a reported result.
    (
        "could be detected",
        "The protein could be detected in every sample.",
        false,
    ),
    (
        "possible could",
        "The storm could reach the coast tonight.",
        true,
    ),
    (
        "ability could after a person",
        "With the new tablets you could write on the screen.",
        false,
    ),
    ("could only", "The keeper could only parry the shot.", false),
    (
        "counterfactual could have",
        "We could have scored five or six goals.",
        true,
    ),
    // Approximators: a vague count, but the stated precision of a measurement.
    (
        "approximate count",
        "Approximately 2,000 people lost power.",
        true,
    ),
    (
        "approximate measurement",
        "The signal rose approximately 3-fold after treatment.",
        false,
    ),
    // "some"/"many": weasel before a group that holds views or a vague
    // place, plain before a countable group.
    (
        "some critics",
        "Some critics called the bridge a waste of money.",
        true,
    ),
    (
        "many economists",
        "Many economists expect a slowdown next year.",
        true,
    ),
    (
        "in some countries",
        "The drug is sold without a prescription in some countries.",
        true,
    ),
    (
        "some members",
        "Some members of the club were at the meeting.",
        false,
    ),
    ("plain many", "Many trains left on time.", false),
    // "whether": an open question, but not after "no matter" (the outcome
    // is the same either way), as with "regardless of whether".
    (
        "open whether",
        "Nobody knows whether the ferry will sail.",
        true,
    ),
    (
        "no matter whether",
        "The match goes ahead no matter whether it rains.",
        false,
    ),
    // ... nor after a verb of influence or mattering or "depending on",
    // where it names the condition an outcome turns on; "that depends on
    // whether" declines to call an outcome.
    (
        "depending on whether",
        "The fare varies depending on whether the ticket is bought online.",
        false,
    ),
    (
        "depends on whether",
        "That depends on whether the minister stays in office.",
        true,
    ),
    (
        "does not influence whether",
        "The weather does not influence whether the ferry sails.",
        false,
    ),
    (
        "asked whether",
        "Reporters asked whether the ferry would sail.",
        true,
    ),
    ("should alone", "The new signals should cut delays.", false),
    // "can": a weak possibility that never labels a sentence alone.
    (
        "possibility can alone",
        "Heavy rain can flood the lower road.",
        false,
    ),
];

/// How a sentence's certainty compares with a plain assertion's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Moves {
    Down,
    Level,
    Up,
}

/// (what the row guards, sentence, how its certainty compares with the
/// neutral certainty of a sentence with no cues)
const CERTAINTY_SENSES: &[(&str, &str, Moves)] = &[
    // "can": a possibility after a thing or an event, an ability or a
    // permission after a person.
    (
        "possibility can",
        "Heavy rain can flood the lower road.",
        Moves::Down,
    ),
    (
        "possibility can, passive",
        "The delay can be traced to a faulty signal.",
        Moves::Down,
    ),
    (
        "ability can after a pronoun",
        "We can measure the flow at each gate.",
        Moves::Level,
    ),
    (
        "permission can after a person noun",
        "Residents can park behind the station.",
        Moves::Level,
    ),
    (
        "can after a comma",
        "On Sundays, they said, fares can rise.",
        Moves::Down,
    ),
    // "should": an expectation or a recommendation lowers the certainty,
    // but never labels a sentence alone; before a verb of knowing it asks
    // people to know a fact, and "it should be noted" is a signpost.
    (
        "expectation should",
        "The new signals should cut delays on the line.",
        Moves::Down,
    ),
    (
        "recommendation should",
        "Drivers should avoid the bridge until noon.",
        Moves::Down,
    ),
    (
        "should know that",
        "Passengers should know that the last train leaves at ten.",
        Moves::Level,
    ),
    (
        "it should be noted",
        "It should be noted that the station reopened in May.",
        Moves::Level,
    ),
    // ... but "should know" with no fact to know is an expectation.
    (
        "should know more",
        "The inquiry team should know more by the end of the week.",
        Moves::Down,
    ),
    // After a person "should" is an obligation ("students should pay").
    (
        "obligation should after a person",
        "Students should pay for their own bus passes.",
        Moves::Level,
    ),
    (
        "expectation should after a thing",
        "The first trains should arrive by 2010.",
        Moves::Down,
    ),
    // A reported null result is stated as settled, unless qualified.
    (
        "null result",
        "The new timetable had no effect on delays.",
        Moves::Up,
    ),
    (
        "no evidence",
        "Inspectors found the cable intact and saw no evidence of wear.",
        Moves::Up,
    ),
    (
        "no clear evidence",
        "There is no clear evidence that the cable was worn.",
        Moves::Down,
    ),
    (
        "no evidence yet",
        "There is no evidence yet that the cable was worn, but tests go on.",
        Moves::Down,
    ),
    // ... but "little or no" is an approximation, and "no change" named as
    // a decision is no finding.
    (
        "little or no effect",
        "The new timetable had little or no effect on delays.",
        Moves::Down,
    ),
    (
        "no change decision",
        "Today's no change decision on fares is correct.",
        Moves::Level,
    ),
    // A verb of proof asserts, but not under a modal or the infinitive
    // "to".
    (
        "proof asserted",
        "The tests confirm that the cable was faulty.",
        Moves::Up,
    ),
    (
        "proof still to come",
        "More tests are needed to confirm that the cable was faulty.",
        Moves::Level,
    ),
    (
        "proof under a modal",
        "The audit will confirm that the cable was faulty.",
        Moves::Level,
    ),
    (
        "proof under a modal, passive",
        "The fault could be confirmed by a second audit.",
        Moves::Down,
    ),
    // A preposition "to" is no infinitive.
    (
        "to as a preposition",
        "The people closest to me know my journey.",
        Moves::Up,
    ),
    (
        "to before a number",
        "The toll rose to 500 confirmed deaths.",
        Moves::Up,
    ),
    // Asserted proof in news idiom.
    (
        "can confirm",
        "I can confirm that the station will reopen.",
        Moves::Up,
    ),
    (
        "can confirm, after a thing",
        "The board can confirm it has sold the ground.",
        Moves::Up,
    ),
    (
        "goes to show",
        "It only goes to show that the old bridge was sound.",
        Moves::Up,
    ),
    // A negated proof is a doubt, however "not" is spelt.
    (
        "could not confirm",
        "Police could not confirm the report.",
        Moves::Down,
    ),
    (
        "couldn't confirm",
        "Police couldn't confirm the report.",
        Moves::Down,
    ),
    (
        "cannot confirm",
        "Police cannot confirm the report.",
        Moves::Down,
    ),
    // "apparent": a seeming, but "no apparent X" states an absence.
    (
        "apparent cause",
        "The apparent cause was a loose cable.",
        Moves::Down,
    ),
    (
        "no apparent effect",
        "The new timetable had no apparent effect on delays.",
        Moves::Up,
    ),
    // Calls for more research admit that a question is open.
    (
        "needs further study",
        "The link between noise and sleep needs further study.",
        Moves::Down,
    ),
    (
        "additional research",
        "Additional research on the bridge cables is planned.",
        Moves::Down,
    ),
];

#[test]
fn english_lexicon_moves_certainty_by_sense() {
    let scorer = Scorer::english();
    let neutral = hedgescore::scoring::NEUTRAL_CERTAINTY;
    let mut scored = ScoredText::default();
    let mut failures = Vec::new();
    for (name, sentence, expected) in CERTAINTY_SENSES {
        scorer.score_as_sentence(sentence, &mut scored);
        let s = &scored.sentences[0];
        let moves = if s.certainty < neutral {
            Moves::Down
        } else if s.certainty > neutral {
            Moves::Up
        } else {
            Moves::Level
        };
        if moves != *expected {
            failures.push(format!(
                "{name}: {sentence:?} expected {expected:?}, got {moves:?} (certainty {:.4})",
                s.certainty
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn english_lexicon_tells_senses_apart() {
    let scorer = Scorer::english();
    let mut scored = ScoredText::default();
    let mut failures = Vec::new();
    for (name, sentence, expected) in SENSES {
        scorer.score_as_sentence(sentence, &mut scored);
        let s = &scored.sentences[0];
        if s.uncertain != *expected {
            let cues: Vec<String> = scored
                .cues_of(s)
                .iter()
                .map(|c| {
                    format!(
                        "{} ({:?} {})",
                        &sentence[c.span.clone()],
                        c.effect,
                        c.weight
                    )
                })
                .collect();
            failures.push(format!(
                "{name}: {sentence:?} expected uncertain={expected}, cues {cues:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Treebank-tokenised text ("could n't", "it 's", as in the Wikipedia and
/// review corpora) scores as the same text written normally: the split
/// is a tokeniser's, not the writer's.
const TOKENISED_PAIRS: &[(&str, &str)] = &[
    ("It couldn't be worse.", "It could n't be worse ."),
    (
        "We couldn't confirm the result.",
        "We could n't confirm the result .",
    ),
    ("He wouldn't say.", "He would n't say ."),
    ("You shouldn't worry.", "You should n't worry ."),
    ("I can't be sure.", "I ca n't be sure ."),
    ("It won't possibly work.", "It wo n't possibly work ."),
    (
        "I don't know whether it works.",
        "I do n't know whether it works .",
    ),
    (
        "It's possible that it rained.",
        "It 's possible that it rained .",
    ),
];

#[test]
fn treebank_tokenised_text_scores_as_written_text() {
    let scorer = Scorer::english();
    let mut scored = ScoredText::default();
    let mut failures = Vec::new();
    for (written, tokenised) in TOKENISED_PAIRS {
        let mut outcome = |text: &str| {
            scorer.score_as_sentence(text, &mut scored);
            let s = &scored.sentences[0];
            (s.uncertain, format!("{:.4}", s.certainty))
        };
        let (a, b) = (outcome(written), outcome(tokenised));
        if a != b {
            failures.push(format!("{written:?} scores {a:?}, {tokenised:?} {b:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
