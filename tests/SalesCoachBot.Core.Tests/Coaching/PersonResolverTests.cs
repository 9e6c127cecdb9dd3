using SalesCoachBot.Core.Abstractions;
using SalesCoachBot.Core.Coaching;
using SalesCoachBot.Core.Domain;
using SalesCoachBot.Core.Localization;
using SalesCoachBot.Testing;

namespace SalesCoachBot.Core.Tests.Coaching;

/// <summary>
/// people55: the one lookup of "a person called X among the people I may see" that "what did Dana do" and "compare Dana
/// and Riley" share: full name, first name, several, someone in a team not seen (answered as nobody), Arabic letters.
/// </summary>
public sealed class PersonResolverTests
{
    private static readonly Phrases English = ReplyTexts.Shared.In(ReplyLanguage.English);
    private static readonly Phrases Arabic = ReplyTexts.Shared.In(ReplyLanguage.Arabic);

    private readonly InMemoryStores _stores = new();
    private readonly SalesTeam _emea;
    private readonly SalesTeam _americas;
    private readonly Person _manager;

    public PersonResolverTests()
    {
        _emea = _stores.AddTeam("EMEA");
        _americas = _stores.AddTeam("Americas");
        Named(_stores.AddPerson("dana@example.com", PersonRole.Rep, _emea), "Dana Demo");
        Named(_stores.AddPerson("dan@example.com", PersonRole.Rep, _emea, _americas), "Dan Brown");
        Named(_stores.AddPerson("riley@example.com", PersonRole.Rep, _emea), "Riley Rowe");
        Named(_stores.AddPerson("riley.k@example.com", PersonRole.Rep, _emea), "Riley Khan");
        Named(_stores.AddPerson("megan@example.com", PersonRole.Rep, _emea), "Megan Bowen");
        Named(_stores.AddPerson("olga@example.com", PersonRole.Rep, _americas), "Olga Ortiz");
        _manager = Named(_stores.AddPerson("morgan@example.com", PersonRole.Manager, _emea), "Morgan Lee");
    }

    private static Person Named(Person person, string name)
    {
        person.Name = name;
        return person;
    }

    private static PersonView View(Person person, params SalesTeam[] teams) =>
        new(person.Id, person.Email, person.Name, person.Role, [.. teams.Select(t => t.Id)]);

    private async Task<PersonLookup> FindAsync(string typed, Phrases say, PersonView? asker = null)
    {
        var people = await new PersonResolver(_stores).VisibleToAsync(asker ?? View(_manager, _emea), CancellationToken.None);
        return people.Find(typed, say);
    }

    private static string Answer(PersonLookup lookup) => Assert.IsType<PersonLookup.Answered>(lookup).Answer.Text;

    [Fact]
    public async Task Find_FullName_ThatPerson()
    {
        var found = Assert.IsType<PersonLookup.Found>(await FindAsync("dana demo", English));

        Assert.Equal("Dana Demo", found.Name);
        Assert.Equal([_emea.Id], found.TeamIds);
    }

    [Fact]
    public async Task Find_FirstName_ThatPersonWithOnlyTheTeamsSeen()
    {
        var found = Assert.IsType<PersonLookup.Found>(await FindAsync("Dan", English));

        Assert.Equal("Dan Brown", found.Name);
        // Dan is in Americas too, which a manager of EMEA does not see.
        Assert.Equal([_emea.Id], found.TeamIds);
    }

    [Fact]
    public async Task Find_TwoPeopleWithThatFirstName_AsksWhich()
    {
        var lookup = await FindAsync("riley", English);

        Assert.Equal("Several people are called \"riley\": Riley Khan, Riley Rowe. Say the full name.", Answer(lookup));
        Assert.Equal("Which person?", Assert.IsType<PersonLookup.Answered>(lookup).Answer.Card!.Title);
    }

    [Fact]
    public async Task Find_SomeoneInATeamNotSeen_AnsweredAsNobody()
    {
        var hidden = Answer(await FindAsync("Olga", English));
        var nobody = Answer(await FindAsync("Zed", English));

        Assert.Equal("I don't know anyone called \"Olga\" in the teams you can see. Ask \"who is on EMEA\" to see who is in one.", hidden);
        Assert.Equal(nobody.Replace("Zed", "Olga", StringComparison.Ordinal), hidden);
    }

    [Fact]
    public async Task Find_Admin_SeesEveryTeam()
    {
        var admin = _stores.AddPerson("ada@example.com", PersonRole.Admin);

        var found = Assert.IsType<PersonLookup.Found>(await FindAsync("olga", English, View(admin)));

        Assert.Equal("Olga Ortiz", found.Name);
    }

    [Theory]
    [InlineData("دانا", "Dana Demo")]
    [InlineData("ميغان", "Megan Bowen")]
    [InlineData("دان", "Dan Brown")]
    [InlineData("ميجان بوين", "Megan Bowen")]
    [InlineData("مورغان", "Morgan Lee")]
    public async Task Find_ArabicLetters_ThePersonTheyReadAs(string typed, string name)
    {
        var found = Assert.IsType<PersonLookup.Found>(await FindAsync(typed, Arabic));

        Assert.Equal(name, found.Name);
    }

    [Fact]
    public async Task Find_ArabicLettersOfNoOne_UnknownInArabic()
    {
        var answer = Answer(await FindAsync("سامي", Arabic));

        Assert.StartsWith("لا أعرف أحدًا اسمه «", answer, StringComparison.Ordinal);
        Assert.Contains("سامي", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("دانا", "Dana Demo", true)]
    [InlineData("دان", "Dan Brown", true)]
    [InlineData("ريلي", "Riley Rowe", true)]
    [InlineData("كريس", "Chris Cole", true)]
    [InlineData("شارلوت", "Charlotte Ray", true)]
    [InlineData("دانا", "Nadia Noor", false)]
    [InlineData("رامي", "Dana Demo", false)]
    // One consonant says too little: «علي» would be anyone whose name holds one l.
    [InlineData("علي", "Al Green", false)]
    // A Latin typed name is no sound match: full and first names are matched as written.
    [InlineData("Dna", "Dana Demo", false)]
    public void SoundsLike_ArabicLettersAgainstALatinName(string typed, string name, bool expected)
    {
        Assert.Equal(expected, NameSkeletons.SoundsLike(name, typed));
    }

    [Theory]
    [InlineData("دانا", "Dana Demo", true)]
    [InlineData("دانا", "Dan Brown", false)]
    [InlineData("ريلي", "Riley Rowe", true)]
    [InlineData("ميجان بوين", "Megan Bowen", true)]
    public void SoundsLike_WithVowels_TheLongVowelsCount(string typed, string name, bool expected)
    {
        Assert.Equal(expected, NameSkeletons.SoundsLike(name, typed, vowels: true));
    }
}
