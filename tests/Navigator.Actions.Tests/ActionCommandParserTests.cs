using System.Text.Json;
using Navigator.Actions.Commands;

namespace Navigator.Actions.Tests;

[Trait("Step", "2")]
public sealed class ActionCommandParserTests
{
    private static ActionCommand Parse(string type, string json) => ActionCommandParser.Parse(type, JsonDocument.Parse(json).RootElement);

    private static ActionException Fails(string type, string json) => Assert.Throws<ActionException>(() => Parse(type, json));

    [Fact]
    public void ParsesEveryActionType()
    {
        var file = Path.GetTempFileName();
        try
        {
            Assert.Equal(new NavigateCommand { Url = "https://example.com" }, Parse("navigate", """{"url":"https://example.com"}"""));
            Assert.Equal(new ClickCommand { Index = 5 }, Parse("click", """{"index":5}"""));
            Assert.Equal(new ClickCommand { Point = new ActionPoint(10, 20.5) }, Parse("click", """{"x":10,"y":20.5}"""));
            Assert.Equal(new TypeCommand { Index = 1, Text = "hi", Clear = false, PressEnter = true }, Parse("type", """{"index":1,"text":"hi","clear":false,"press_enter":true}"""));
            Assert.Equal(new ScrollCommand { Direction = "down", Amount = 600 }, Parse("scroll", """{"direction":"down","amount":600}"""));
            Assert.Equal(new WaitCommand { Seconds = 1.5 }, Parse("wait", """{"seconds":1.5}"""));
            Assert.Equal(new WaitCommand { Text = "Done", TimeoutMs = 500 }, Parse("wait", """{"text":"Done","timeout_ms":500}"""));
            Assert.IsType<GoBackCommand>(Parse("go_back", "{}"));
            Assert.IsType<GoForwardCommand>(Parse("go_forward", "{}"));
            Assert.IsType<RefreshCommand>(Parse("refresh", "{}"));
            Assert.Equal(["Control+A", "Delete"], ((SendKeysCommand)Parse("send_keys", """{"keys":"Control+A Delete"}""")).Keys);
            Assert.Equal(new SelectOptionCommand { Index = 3, Label = "Green" }, Parse("select_option", """{"index":3,"label":"Green"}"""));
            Assert.Equal(new HoverCommand { Index = 2 }, Parse("hover", """{"index":2}"""));
            Assert.Equal(new DragCommand { FromIndex = 1, ToPoint = new ActionPoint(5, 6), Steps = 4 }, Parse("drag", """{"from_index":1,"to_x":5,"to_y":6,"steps":4}"""));
            Assert.Equal([file], ((UploadFileCommand)Parse("upload_file", JsonSerializer.Serialize(new { index = 0, paths = new[] { file } }))).Paths);
            Assert.Equal(new SwitchTabCommand { TabIndex = 1 }, Parse("switch_tab", """{"tab_index":1}"""));
            Assert.Equal(new OpenTabCommand { Url = "https://example.com" }, Parse("open_tab", """{"url":"https://example.com"}"""));
            Assert.Equal(new CloseTabCommand(), Parse("close_tab", "{}"));
            Assert.Equal(new HandleDialogCommand { Accept = false }, Parse("handle_dialog", """{"accept":false}"""));
            Assert.Equal(new ExtractCommand { Format = "text" }, Parse("extract", """{"format":"text"}"""));
            Assert.Equal(new ScreenshotCommand { FullPage = true, Format = "jpeg", Quality = 60 }, Parse("screenshot", """{"full_page":true,"format":"jpg","quality":60}"""));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("Click", "click")]
    [InlineData("goBack", "go_back")]
    [InlineData("go-forward", "go_forward")]
    [InlineData("input_text", "type")]
    [InlineData("press", "send_keys")]
    [InlineData("reload", "refresh")]
    public void NormalizesTypeNamesAndAliases(string given, string expected) =>
        Assert.Equal(expected, ActionCommandParser.NormalizeType(given));

    [Fact]
    public void AcceptsKeyAliasAndArrays()
    {
        Assert.Equal(["Enter"], ((SendKeysCommand)Parse("send_keys", """{"key":"Enter"}""")).Keys);
        Assert.Equal(["Tab", "Shift+Tab"], ((SendKeysCommand)Parse("press_key", """{"keys":["Tab","Shift+Tab"]}""")).Keys);
        Assert.Equal("https://example.com/a", ((NavigateCommand)Parse("navigate", """{"url":"example.com/a"}""")).Url);
    }

    [Fact]
    public void UnknownAction_ListsKnownOnes()
    {
        var error = Fails("teleport", "{}");
        Assert.Equal(ActionErrorCodes.UnknownAction, error.Code);
        Assert.Contains("navigate", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("click", "{}", ActionErrorCodes.MissingParameter)]
    [InlineData("click", """{"x":5}""", ActionErrorCodes.MissingParameter)]
    [InlineData("click", """{"index":"5"}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("click", """{"index":1.5}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("click", """{"index":-1}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("click", """{"index":1,"x":1,"y":2}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("click", """{"idx":1}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("click", """{"index":1,"button":"side"}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("type", """{"index":1}""", ActionErrorCodes.MissingParameter)]
    [InlineData("type", """{"index":1,"text":5}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("scroll", """{"direction":"sideways"}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("scroll", """{"direction":"down","amount":"600"}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("scroll", """{"direction":"down","amount":-5}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("wait", "{}", ActionErrorCodes.MissingParameter)]
    [InlineData("wait", """{"seconds":"2"}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("wait", """{"seconds":600}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("wait", """{"seconds":1,"text":"a"}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("navigate", """{"url":"javascript:alert(1)"}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("select_option", """{"index":1}""", ActionErrorCodes.MissingParameter)]
    [InlineData("select_option", """{"index":1,"label":"a","value":"b"}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("drag", """{"from_index":1}""", ActionErrorCodes.MissingParameter)]
    [InlineData("drag", """{"from_index":1,"to_index":2,"steps":0}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("upload_file", """{"index":1,"paths":["relative.txt"]}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("upload_file", """{"index":1,"paths":["/definitely/not/here.txt"]}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("switch_tab", "{}", ActionErrorCodes.MissingParameter)]
    [InlineData("send_keys", """{"keys":"Control+Nope"}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("send_keys", """{"keys":"A+Control"}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("screenshot", """{"format":"gif"}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("extract", """{"format":"pdf"}""", ActionErrorCodes.InvalidParameter)]
    [InlineData("click", "[1,2]", ActionErrorCodes.InvalidParameter)]
    public void BadParameters_GetSpecificCodes(string type, string json, string code)
    {
        var error = Fails(type, json);
        Assert.Equal(code, error.Code);
        Assert.StartsWith(ActionCommandParser.NormalizeType(type) + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownParameter_NamesItAndTheAcceptedOnes()
    {
        var error = Fails("click", """{"idx":1}""");
        Assert.Contains("'idx'", error.Message, StringComparison.Ordinal);
        Assert.Contains("index", error.Message, StringComparison.Ordinal);
    }
}
