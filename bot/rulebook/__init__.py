"""Alert rules, in data-flow order: ``schema`` (what a rule is), ``load`` (rule files read with
file:line problems), ``phrases`` (keyword words, case and fold), ``compile`` (automaton and
indexes), ``matcher`` (scan, match, check), ``book`` (the loaded
:class:`~bot.rulebook.book.Rulebook`), ``examples`` (each rule's test cases), ``explain`` (which
rule matched and why), ``reload`` (hot reload)."""
