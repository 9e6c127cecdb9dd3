namespace SalesCoachBot.Slack.BlockKit;

/// <summary>Documented Block Kit limits (docs.slack.dev/reference/block-kit). The renderer splits or paginates to stay inside them.</summary>
internal static class BlockKitLimits
{
    public const int MessageBlocks = 50;
    public const int SectionText = 3000;
    public const int SectionFields = 10;
    public const int FieldText = 2000;
    public const int HeaderText = 150;
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int OptionText = 75;
    public const int CheckboxOptions = 10;
    public const int ActionsElements = 25;
    public const int ContextElements = 10;
    public const int Id = 255;
    public const int AltText = 2000;
    public const int ModalTitle = 24;
    public const int ModalButton = 24;
    public const int InputLabel = 2000;
    public const int PlaceholderText = 150;
    public const int PrivateMetadata = 3000;
}
