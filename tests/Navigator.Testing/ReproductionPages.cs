namespace Navigator.Testing;

/// <summary>Pages that reproduced reported defects, shared by the tests and benchmarks that guard them.</summary>
public static class ReproductionPages
{
    /// <summary>
    /// Issue 12's form: its inline script adds a listener, which made the listener scan break the
    /// renderer (element_count 0, then "renderer crashed, code 11") within a few cycles.
    /// </summary>
    public const string ListenerForm = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Form page</title></head>
        <body><h1>Form page</h1>
        <form id="f"><label>First name <input id="first" name="first"></label>
        <label>Country <select id="country"><option value="">Choose...</option><option value="fr">France</option></select></label>
        <label><input id="s" type="checkbox"> Subscribe</label><button type="submit">Submit</button></form>
        <p id="result" role="status">Not submitted</p>
        <script>document.getElementById('f').addEventListener('submit', (e) => { e.preventDefault(); });</script>
        </body></html>
        """;
}
