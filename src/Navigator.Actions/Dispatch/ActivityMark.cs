namespace Navigator.Actions.Dispatch;

/// <summary>Counters of a tracked page at the moment an action began; compare with the page later to see what it caused.</summary>
internal readonly record struct ActivityMark(long NavigationsStarted, long Documents, long SameDocumentNavigations, long RequestsStarted, long WindowsOpened, long DialogsOpened, long LoadsStopped);
