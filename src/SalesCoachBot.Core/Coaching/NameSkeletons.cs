using System.Text;
using SalesCoachBot.Core.Understanding;

namespace SalesCoachBot.Core.Coaching;

/// <summary>
/// «دانا» for "Dana Demo": a name typed in Arabic letters against a name the directory writes in Latin ones. Both are
/// reduced to their consonants as Arabic writes them (vowels, h, w and y dropped, as Arabic spells them with long vowels
/// or not at all; g and j one sound, as «ميغان» and «ميجان» both say Megan; p as b, v as f), and the skeletons compared.
/// With <c>vowels</c> the long vowels are kept too (ا a, و o or u, ي e, i or y), so «دانا» is "Dana" and not "Dan"; without,
/// "Dana" and "Dan" sound alike, and the lookup asks which.
/// </summary>
internal static class NameSkeletons
{
    /// <summary>True when <paramref name="typed"/> is Arabic letters that sound like <paramref name="name"/> (written in Latin), in full or as its first name.</summary>
    public static bool SoundsLike(string name, string typed, bool vowels = false)
    {
        var said = TextFolding.Words(typed);
        var owner = TextFolding.Words(name);
        if (said.Count == 0 || owner.Count == 0 || !said.All(w => w.Any(ArabicText.IsArabicLetter)) || owner.Any(w => w.Any(ArabicText.IsArabicLetter)))
        {
            return false;
        }

        var saidSkeletons = said.Select(w => Arabic(w, vowels)).ToList();
        var ownerSkeletons = owner.Select(w => Latin(w, vowels)).ToList();
        // A skeleton of one consonant ("Al", «علي» → l) says too little to find anyone by.
        if (saidSkeletons.Any(s => s.Count(c => c is not ('a' or 'o' or 'i')) < 2))
        {
            return false;
        }

        return saidSkeletons.SequenceEqual(ownerSkeletons, StringComparer.Ordinal)
            || (saidSkeletons.Count == 1 && ownerSkeletons[0] == saidSkeletons[0]);
    }

    /// <summary>The consonants of a folded Arabic word, in Latin letters: «مورغان» → "mrjn".</summary>
    internal static string Arabic(string word, bool vowels = false)
    {
        var skeleton = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            Add(skeleton, c switch
            {
                '\u0628' => 'b', // ب
                '\u062A' or '\u0637' => 't', // ت ط
                '\u062B' or '\u0633' or '\u0635' => 's', // ث س ص
                '\u062C' or '\u063A' or '\u06AF' => 'j', // ج غ گ
                '\u062F' or '\u0636' => 'd', // د ض
                '\u0630' or '\u0632' or '\u0638' => 'z', // ذ ز ظ
                '\u0631' => 'r', // ر
                '\u0634' => 'x', // ش
                '\u0641' or '\u06A4' => 'f', // ف ڤ
                '\u0642' or '\u0643' or '\u062E' => 'k', // ق ك خ
                '\u0644' => 'l', // ل
                '\u0645' => 'm', // م
                '\u0646' => 'n', // ن
                '\u067E' => 'b', // پ
                '\u0627' or '\u0623' or '\u0625' or '\u0622' or '\u0649' or '\u0629' when vowels => 'a', // ا أ إ آ ى ة
                '\u0648' when vowels => 'o', // و
                '\u064A' when vowels => 'i', // ي
                _ => '\0', // long vowels, hamza, ع, ه, ح, ة: no consonant a Latin spelling keeps
            });
        }

        return skeleton.ToString();
    }

    /// <summary>The consonants of a folded Latin word as Arabic would write them: "Morgan" → "mrjn", "Sasha" → "sx".</summary>
    internal static string Latin(string word, bool vowels = false)
    {
        var skeleton = new StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            var next = i + 1 < word.Length ? word[i + 1] : '\0';
            switch (c, next)
            {
                case ('s' or 'c', 'h'):
                    // "Chris" is «كريس», "Charlotte" «شارلوت».
                    Add(skeleton, c == 'c' && i + 2 < word.Length && word[i + 2] is 'r' or 'l' ? 'k' : 'x');
                    i++;
                    continue;
                case ('k' or 'g' or 't' or 'p' or 'd' or 'z', 'h'):
                    Add(skeleton, c switch { 'k' => 'k', 'g' => 'j', 'p' => 'f', 'd' => 'z', 'z' => 'z', _ => 't' });
                    i++;
                    continue;
                case ('c', 'k'):
                    Add(skeleton, 'k');
                    i++;
                    continue;
                case ('x', _):
                    Add(skeleton, 'k');
                    Add(skeleton, 's');
                    continue;
            }

            Add(skeleton, c switch
            {
                'b' or 'p' => 'b',
                'c' => next is 'e' or 'i' or 'y' ? 's' : 'k',
                'd' => 'd',
                'f' or 'v' => 'f',
                'g' or 'j' => 'j',
                'k' or 'q' => 'k',
                'l' => 'l',
                'm' => 'm',
                'n' => 'n',
                'r' => 'r',
                's' => 's',
                't' => 't',
                'z' => 'z',
                'a' when vowels => 'a',
                'o' or 'u' or 'w' when vowels => 'o',
                'e' or 'i' or 'y' when vowels => 'i',
                _ => '\0', // vowels, h, w, y: Arabic writes them as long vowels or not at all
            });
        }

        return skeleton.ToString();
    }

    /// <summary>A doubled consonant ("Anna", «حسّان» once its shadda is folded) is written once.</summary>
    private static void Add(StringBuilder skeleton, char consonant)
    {
        if (consonant != '\0' && (skeleton.Length == 0 || skeleton[^1] != consonant))
        {
            skeleton.Append(consonant);
        }
    }
}
