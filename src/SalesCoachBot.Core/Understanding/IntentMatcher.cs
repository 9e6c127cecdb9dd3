using System.Buffers;

namespace SalesCoachBot.Core.Understanding;

/// <summary>One slot a template reads: its name ("deal", "item", "stage", …) and the typed words it took.</summary>
internal readonly record struct SlotValue(string Name, IReadOnlyList<Token> Tokens);

/// <summary>How well one written example fits the typed words, and what its slots took.</summary>
internal sealed record IntentMatch(string Command, string Example, double Score, double Confidence, IReadOnlyList<SlotValue> Slots)
{
    /// <summary>Typed words the example has no place for (a team named outside any slot: "stuck deals at APAC").</summary>
    public IReadOnlyList<Token> Extras { get; init; } = [];

    /// <summary>True when the example has a slot called <paramref name="name"/>, even one left empty.</summary>
    public bool HasSlot(string name)
    {
        foreach (var slot in Slots)
        {
            if (slot.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    public IReadOnlyList<Token> Slot(string name)
    {
        foreach (var slot in Slots)
        {
            if (slot.Name == name)
            {
                return slot.Tokens;
            }
        }

        return [];
    }
}

/// <summary>
/// The recogniser (ADR 0015): a nearest-neighbour matcher over a language's written examples. Each example
/// ("move {deal} to {stage} because {reason}") is a sequence of words and slots; the typed words are aligned
/// to it like a spelling diff. A matching word earns its weight (words used by few commands weigh more), a
/// missing word or an extra typed word costs, and a slot takes the typed words between its neighbours. The
/// example with the best score wins; confidence is earned / (earned + costs). Stateless and thread-safe.
/// </summary>
internal sealed class IntentMatcher
{
    private const double MissFactor = 0.8;        // an example's word that was not typed
    private const double MissingSlot = 1.0;       // a required slot with nothing in it
    private const double ExtraLight = 0.05;       // a typed filler word the example does not have
    private const double ExtraWord = 0.5;         // any other typed word the example does not have
    private const string Separator = ":";         // a colon, "=" or dash: only ever matches itself
    private const double LightSwap = 0.5;         // "for" typed where the example says "on": half the word's weight
    private const double ExtraKeyword = 0.5;      // a typed command word, times its weight
    private const double KeywordInSlot = 0.3;     // a command word taken into a slot, times its weight
    private const double KeywordOpensSlot = 0.45; // … as the slot's first word ("put Wonka" is not a deal name); below ExtraKeyword
    private const double DashForColon = 0.5;      // a dash where the example separates with a colon: half its weight

    private readonly Template[] _templates;
    private readonly Dictionary<string, List<(int Template, double Weight)>> _byWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _weights;
    private readonly HashSet<string> _light;

    public IntentMatcher(LanguagePack pack)
    {
        Pack = pack;
        _light = [.. pack.Words("light")];
        var parsed = new List<Template>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (command, example) in pack.Examples)
        {
            var template = Template.Parse(command, example, pack);
            if (template.Elements.Any(e => e.Slot is null) && seen.Add(command + "|" + template.Key))
            {
                parsed.Add(template);
            }
        }

        // A word used in the examples of many commands tells little about which command it is.
        var commandsUsing = parsed
            .SelectMany(t => t.Elements.Where(e => e.Slot is null).Select(e => (e.Word, t.Command)))
            .Distinct()
            .GroupBy(x => x.Word, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        _weights = commandsUsing.ToDictionary(
            p => p.Key,
            p => Math.Min(_light.Contains(p.Key) ? 0.3 : 1.0, 1.0 / Math.Sqrt(p.Value)),
            StringComparer.Ordinal);
        _templates = [.. parsed.Select(t => t.Weighted(_weights, _light))];
        for (var t = 0; t < _templates.Length; t++)
        {
            foreach (var element in _templates[t].Elements.Where(e => e.Slot is null).DistinctBy(e => e.Word))
            {
                if (!_byWord.TryGetValue(element.Word, out var list))
                {
                    _byWord[element.Word] = list = [];
                }

                list.Add((t, _templates[t].Elements.Where(e => e.Word == element.Word).Sum(e => e.Weight)));
            }
        }
    }

    public LanguagePack Pack { get; }

    public int TemplateCount => _templates.Length;

    /// <summary>True when <paramref name="canon"/> is a word some example is written with.</summary>
    public bool IsCommandWord(string canon) => _weights.ContainsKey(canon);

    /// <summary>
    /// The best-scoring examples for <paramref name="tokens"/> in score order, asking <paramref name="accept"/>
    /// whether each reads as a command; stops once no unexamined example can beat the best accepted one.
    /// </summary>
    public IntentMatch? Best(IReadOnlyList<Token> tokens, Func<IntentMatch, bool> accept, Dictionary<string, double>? bestPerCommand = null)
    {
        if (tokens.Count == 0)
        {
            return null;
        }

        // Upper bound per example: every typed word it has matches, every word it has that was not typed is missed.
        // A common word ("for") reaches hundreds of examples, so the sums and the candidate list use rented arrays.
        var present = ArrayPool<double>.Shared.Rent(_templates.Length);
        var touched = ArrayPool<int>.Shared.Rent(_templates.Length);
        var candidates = ArrayPool<Candidate>.Shared.Rent(_templates.Length);
        try
        {
            // Weights are positive, so a sum of zero means "not reached yet".
            Array.Clear(present, 0, _templates.Length);
            var reached = 0;
            void Reach(List<(int Template, double Weight)> postings)
            {
                foreach (var (template, weight) in postings)
                {
                    if (present[template] == 0)
                    {
                        touched[reached++] = template;
                    }

                    present[template] += weight;
                }
            }

            for (var t = 0; t < tokens.Count; t++)
            {
                if (FirstTimeTyped(tokens, t) && _byWord.TryGetValue(tokens[t].Canon, out var postings))
                {
                    Reach(postings);
                }

                // «لمؤسسة» may earn an example's «ل» (GluedBeforeDeal): the bound counts it as typed, so it stays an upper bound.
                if (GluedPreposition(tokens[t]) is { } preposition && _byWord.TryGetValue(preposition, out var glued))
                {
                    Reach(glued);
                }
            }

            var count = 0;
            for (var k = 0; k < reached; k++)
            {
                var template = touched[k];
                var bound = present[template] - (MissFactor * (_templates[template].LiteralWeight - present[template]));
                if (bound > 0)
                {
                    candidates[count++] = new Candidate(template, bound);
                }
            }

            Array.Sort(candidates, 0, count, Candidate.BestFirst);
            return BestOf(candidates.AsSpan(0, count), tokens, accept, bestPerCommand);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(present);
            ArrayPool<int>.Shared.Return(touched);
            ArrayPool<Candidate>.Shared.Return(candidates);
        }
    }

    private IntentMatch? BestOf(ReadOnlySpan<Candidate> candidates, IReadOnlyList<Token> tokens, Func<IntentMatch, bool> accept, Dictionary<string, double>? bestPerCommand)
    {
        IntentMatch? best = null;
        foreach (var (index, bound) in candidates)
        {
            if (best is not null && bound <= best.Score)
            {
                break;
            }

            var template = _templates[index];
            var match = Align(template, tokens, best?.Score ?? double.NegativeInfinity, out var score);
            if (bestPerCommand is not null && score > bestPerCommand.GetValueOrDefault(template.Command, double.MinValue))
            {
                bestPerCommand[template.Command] = score;
            }

            if (match is not null && accept(match))
            {
                best = match;
            }
        }

        return best;
    }

    /// <summary>An example worth aligning, with the most it could score.</summary>
    private readonly record struct Candidate(int Template, double Bound)
    {
        /// <summary>Highest bound first; ties in the examples' order, so the same sentence always gets the same answer.</summary>
        public static readonly IComparer<Candidate> BestFirst = Comparer<Candidate>.Create(
            static (a, b) => a.Bound != b.Bound ? b.Bound.CompareTo(a.Bound) : a.Template.CompareTo(b.Template));
    }

    private static bool FirstTimeTyped(IReadOnlyList<Token> tokens, int at)
    {
        for (var k = 0; k < at; k++)
        {
            if (string.Equals(tokens[k].Canon, tokens[at].Canon, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private double Extra(Token token) =>
        _light.Contains(token.Canon) ? ExtraLight
        : _weights.TryGetValue(token.Canon, out var weight) ? ExtraKeyword * weight
        : ExtraWord;

    /// <summary>
    /// A matching word's weight. A dash is a separator as a colon is ("next step for Initech - call the CFO"), but it is
    /// also part of names ("Acme Corp - EU rollout"): where a colon was typed too, the colon is the one that separates.
    /// </summary>
    private static double Earned(Element e, Token token) =>
        e.Word == Separator && token.Original is "-" or "\u2013" or "\u2014" ? DashForColon * e.Weight : e.Weight;

    private double OpensSlot(Token token) => AnyWordInSlot + ((InSlot(token) - AnyWordInSlot) * (KeywordOpensSlot / KeywordInSlot));

    // Every word in a slot costs a little, so of two equal fits the one with the shorter slot wins
    // ("next step for Initech: call: 3pm" splits at the first colon).
    private const double AnyWordInSlot = 0.01;

    // A colon inside a deal or item slot is unlikely: "note for #1002: Legal: …" splits at the first one.
    private const double SeparatorInSlot = 0.05;

    private double InSlot(Token token, bool freeText = false) => AnyWordInSlot + (token.Canon == Separator && !freeText ? SeparatorInSlot : 0) + (_weights.TryGetValue(token.Canon, out var weight) && !_light.Contains(token.Canon) ? KeywordInSlot * weight : 0);

    /// <summary>
    /// «أرسلت العقد لمؤسسة الأفق», «أنجزنا البند لمؤسسة الأفق»: Arabic glues «ل» or «ب» to the next word, so the first
    /// word of an Arabic deal name may carry the preposition an example writes apart before its deal («… ل {deal}»). Only
    /// for a word no example is written with (names are not; «للعرض», «بكرة» are), with three letters or more after it,
    /// and only before a deal: a stage keeps its «ل» for the stage reader («انقل Initech للتفاوض»). The preposition then
    /// earns as a swapped word does, and the deal opens with the rest of the word (<see cref="Unglued"/>).
    /// </summary>
    private bool GluedBeforeDeal(Element[] elements, int i, Token token) =>
        i + 1 < elements.Length && elements[i + 1].Slot == "deal" && GluedPreposition(token) is { } preposition
        && string.Equals(elements[i].Word, preposition, StringComparison.Ordinal);

    /// <summary>
    /// «ل» or «ب» when <paramref name="token"/> is one glued to a word no example has; null otherwise. Not «لل» ("to the"):
    /// a name goes on in such words («شركة النخبة للتجارة»), and seldom opens with one.
    /// </summary>
    private string? GluedPreposition(Token token) =>
        Pack.IsArabic && token.Canon.Length >= 4 && token.Canon[0] is '\u0644' or '\u0628' && !token.Canon.StartsWith("\u0644\u0644", StringComparison.Ordinal)
        && string.Equals(token.Canon, token.Lower, StringComparison.Ordinal) && !_weights.ContainsKey(token.Canon)
        && token.Original.Length == token.Lower.Length && token.Lower.All(ArabicText.IsArabicLetter)
            ? token.Canon[..1]
            : null;

    /// <summary>The word without its glued «ل» or «ب», where it stands in the folded text.</summary>
    private Token Unglued(Token token) =>
        new(token.Original[1..], token.Lower[1..], Pack.Canonical(token.Lower[1..]), token.CommaBefore, token.Start + 1);

    // Operations on the alignment path, for reading the path back.
    private enum Op : byte
    {
        None,
        Extend,
        Match,
        Miss,
        SlotStart,
        SlotSkip,
        Extra,
        Swap,
        Glued,
    }

    /// <summary>
    /// Dynamic programming over (example position, typed position, slot open): best earned minus costs, in
    /// <paramref name="total"/>. The match itself (slots, confidence) is read back only when it beats
    /// <paramref name="toBeat"/>: most examples tried for a sentence do not, and then nothing is allocated.
    /// </summary>
    private IntentMatch? Align(Template template, IReadOnlyList<Token> tokens, double toBeat, out double total)
    {
        var elements = template.Elements;
        var m = elements.Length;
        var n = tokens.Count;
        var size = (m + 1) * (n + 1) * 2;

        // The tables live only for this call; a sentence tries tens of examples, so they are rented, not allocated.
        var score = ArrayPool<double>.Shared.Rent(size);
        var op = ArrayPool<Op>.Shared.Rent(size);
        var cameOpen = ArrayPool<bool>.Shared.Rent(size);
        try
        {
            total = Fill(elements, tokens, score, op, cameOpen, size);
            return total > toBeat ? ReadBack(template, tokens, score, op, cameOpen) : null;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(score);
            ArrayPool<Op>.Shared.Return(op);
            ArrayPool<bool>.Shared.Return(cameOpen);
        }
    }

    private double Fill(Element[] elements, IReadOnlyList<Token> tokens, double[] score, Op[] op, bool[] cameOpen, int size)
    {
        var m = elements.Length;
        var n = tokens.Count;
        Array.Fill(score, double.NegativeInfinity, 0, size);
        int At(int i, int j, int open) => (((i * (n + 1)) + j) * 2) + open;
        void Relax(int from, int to, double value, Op how)
        {
            if (value > score[to])
            {
                score[to] = value;
                op[to] = how;
                cameOpen[to] = from % 2 == 1;
            }
        }

        score[At(0, 0, 0)] = 0;
        for (var j = 0; j <= n; j++)
        {
            for (var i = 0; i <= m; i++)
            {
                for (var open = 0; open < 2; open++)
                {
                    var here = At(i, j, open);
                    var s = score[here];
                    if (double.IsNegativeInfinity(s))
                    {
                        continue;
                    }

                    if (open == 1 && j < n)
                    {
                        Relax(here, At(i, j + 1, 1), s - InSlot(tokens[j], elements[i - 1].FreeText), Op.Extend);
                    }

                    if (i < m)
                    {
                        var e = elements[i];
                        if (e.Slot is null)
                        {
                            if (j < n && tokens[j].Canon == e.Word)
                            {
                                Relax(here, At(i + 1, j + 1, 0), s + Earned(e, tokens[j]), Op.Match);
                            }
                            else if (j < n && e.Light && e.Word != Separator && tokens[j].Canon != Separator && _light.Contains(tokens[j].Canon))
                            {
                                Relax(here, At(i + 1, j + 1, 0), s + (LightSwap * e.Weight), Op.Swap);
                            }

                            Relax(here, At(i + 1, j, 0), s - (MissFactor * e.Weight), Op.Miss);
                            if (j < n && GluedBeforeDeal(elements, i, tokens[j]))
                            {
                                Relax(here, At(i + 2, j + 1, 1), s + (LightSwap * e.Weight) - OpensSlot(tokens[j]), Op.Glued);
                            }
                        }
                        else
                        {
                            if (j < n)
                            {
                                Relax(here, At(i + 1, j + 1, 1), s - (e.FreeText ? InSlot(tokens[j], freeText: true) : OpensSlot(tokens[j])), Op.SlotStart);
                            }

                            Relax(here, At(i + 1, j, 0), s - (e.Optional ? 0 : MissingSlot), Op.SlotSkip);
                        }
                    }

                    if (j < n)
                    {
                        Relax(here, At(i, j + 1, 0), s - Extra(tokens[j]), Op.Extra);
                    }
                }
            }
        }

        return Math.Max(score[At(m, n, 0)], score[At(m, n, 1)]);
    }

    private IntentMatch ReadBack(Template template, IReadOnlyList<Token> tokens, double[] score, Op[] op, bool[] cameOpen)
    {
        var elements = template.Elements;
        var m = elements.Length;
        var n = tokens.Count;
        int At(int i, int j, int open) => (((i * (n + 1)) + j) * 2) + open;
        var end = score[At(m, n, 0)] >= score[At(m, n, 1)] ? At(m, n, 0) : At(m, n, 1);
        var total = score[end];

        // Walk the path back: slots' words, and the earned / cost sums for the confidence (a command word inside a
        // slot only breaks ties between examples: "what's next for what's next …" is still sure of itself).
        var slots = new List<Token>?[m];
        var extras = new List<Token>();
        double earned = 0, costs = 0;
        int ci = m, cj = n, copen = end % 2;
        while (ci > 0 || cj > 0)
        {
            var state = At(ci, cj, copen);
            var how = op[state];
            copen = cameOpen[state] ? 1 : 0;
            switch (how)
            {
                case Op.Extend:
                    (slots[ci - 1] ??= []).Insert(0, tokens[cj - 1]);
                    cj--;
                    break;
                case Op.Match:
                    earned += Earned(elements[ci - 1], tokens[cj - 1]);
                    ci--;
                    cj--;
                    break;
                case Op.Swap:
                    earned += LightSwap * elements[ci - 1].Weight;
                    ci--;
                    cj--;
                    break;
                case Op.Miss:
                    costs += MissFactor * elements[ci - 1].Weight;
                    ci--;
                    break;
                case Op.Glued:
                    (slots[ci - 1] ??= []).Insert(0, Unglued(tokens[cj - 1]));
                    earned += LightSwap * elements[ci - 2].Weight;
                    ci -= 2;
                    cj--;
                    break;
                case Op.SlotStart:
                    (slots[ci - 1] ??= []).Insert(0, tokens[cj - 1]);
                    ci--;
                    cj--;
                    break;
                case Op.SlotSkip:
                    costs += elements[ci - 1].Optional ? 0 : MissingSlot;
                    ci--;
                    break;
                case Op.Extra:
                    costs += Extra(tokens[cj - 1]);
                    extras.Insert(0, tokens[cj - 1]);
                    cj--;
                    break;
                default:
                    ci = cj = 0;
                    break;
            }
        }

        var values = new List<SlotValue>();
        for (var i = 0; i < m; i++)
        {
            if (elements[i].Slot is { } name)
            {
                values.Add(new SlotValue(name, slots[i] ?? []));
            }
        }

        var confidence = earned <= 0 ? 0 : earned / (earned + costs);
        return new IntentMatch(template.Command, template.Example, total, confidence, values) { Extras = extras };
    }

    /// <summary><see cref="FreeText"/>: a note's or next step's words, taken as typed; command words in them cost nothing extra.</summary>
    private sealed record Element(string Word, string? Slot, bool Optional, double Weight, bool Light = false)
    {
        public bool FreeText => Slot is "text" or "step";
    }

    private sealed record Template(string Command, string Example, Element[] Elements, string Key, double LiteralWeight)
    {
        public static Template Parse(string command, string example, LanguagePack pack)
        {
            var elements = new List<Element>();
            foreach (var written in example.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                // "{person}'s week": a typed "Dana's" is one word, the slot's, whose "'s" is dropped where the name is read.
                var part = written.EndsWith("}'s", StringComparison.Ordinal) ? written[..^2] : written;
                if (part.StartsWith('{') && part.EndsWith('}'))
                {
                    var slot = part[1..^1];
                    var optional = slot.EndsWith('?');
                    elements.Add(new Element(string.Empty, optional ? slot[..^1] : slot, optional, 0));
                    continue;
                }

                foreach (var token in Sentence.Tokenize(part))
                {
                    elements.Add(new Element(pack.Canonical(token.Lower), null, false, 0));
                }
            }

            var key = string.Join(' ', elements.Select(e => e.Slot is null ? e.Word : "{" + e.Slot + "}"));
            return new Template(command, example, [.. elements], key, 0);
        }

        public Template Weighted(IReadOnlyDictionary<string, double> weights, IReadOnlySet<string> light)
        {
            Element[] weighted = [.. Elements.Select(e => e.Slot is null ? e with { Weight = weights[e.Word], Light = light.Contains(e.Word) } : e)];
            return this with { Elements = weighted, LiteralWeight = weighted.Sum(e => e.Weight) };
        }
    }
}
