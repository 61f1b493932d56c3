"""Files that cannot be read: what the path is, how large, and the operating system's reasons."""

EN = {
    "file.cannot_read": "cannot read the file: {reason}",
    "os.no_such_file": "No such file or directory",
    "os.permission_denied": "Permission denied",
    "os.is_a_directory": "Is a directory",
    "file.not_regular": "{kind} is not a file that can be read",
    "file.kind.folder": "a folder",
    "file.kind.fifo": "a pipe (FIFO)",
    "file.kind.device": "a device",
    "file.kind.socket": "a socket",
    "file.kind.other": "not a regular file",
    "file.give_regular_path": "give the path of a file saved on disk",
    "file.too_large": "the file is {size} MiB, more than {limit}: this is not the kind of file expected",
    "file.too_large_limit": "the file is more than {limit}: this is not the kind of file expected",
    "file.check_path": "check the path",
}

JA = {
    "file.cannot_read": "ファイルを読めません：{reason}",
    "os.no_such_file": "ファイルがありません",
    "os.permission_denied": "読む権限がありません",
    "os.is_a_directory": "フォルダーです",
    "file.not_regular": "{kind}は読み込めるファイルではありません",
    "file.kind.folder": "フォルダ",
    "file.kind.fifo": "パイプ（FIFO）",
    "file.kind.device": "デバイス",
    "file.kind.socket": "ソケット",
    "file.kind.other": "通常のファイル以外のもの",
    "file.give_regular_path": "ディスクに保存されたファイルのパスを指定してください",
    "file.too_large": "ファイルが {size} MiB あり、{limit} を超えています：想定している種類のファイルではありません",
    "file.too_large_limit": "ファイルが {limit} を超えています：想定している種類のファイルではありません",
    "file.check_path": "パスを確かめてください",
}
