"""Messages about files and folders: what could not be opened, what was skipped and why."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "file-unreadable": (
        "无法打开此文件（{reason}）：请检查文件权限，或把文件复制到填报表目录后重试",
        "cannot open this file ({reason}): check its permissions, or copy it into the returns folder and retry",
    ),
    "file-not-regular": (
        "这不是普通文件，而是{kind}，未读取：请指定一个普通的文件",
        "this is not a regular file but {kind}; not read: give an ordinary file",
    ),
    "file-format-differs": (
        "文件扩展名为 {ext}，内容却是 {kind} 格式：已按 {kind} 读取；请另存为 .xlsx 再发送",
        "the file is named {ext} but holds a {kind} workbook: read as {kind}; save it as .xlsx next time",
    ),
    "file-name-escaped": (
        "文件名不是 UTF-8 编码（常见于 Windows 压缩包解压后），无法显示的字节已写成 \\xNN：请把文件改名",
        "the file name is not UTF-8 (common after unzipping a Windows archive); bytes that cannot be "
        "shown are written as \\xNN: rename the file",
    ),
    "reader-process-died": (
        "读取此文件的进程意外退出，可能是文件中有读取程序无法处理的内容",
        "the process reading this file died, probably on content the reader library cannot handle",
    ),
    "output-read-only": (
        "输出文件 {path} 是只读的：请换一个文件名，或先取消只读",
        "the output file {path} is read-only: choose another name or make it writable first",
    ),
    "output-folder-unwritable": (
        "无法写入目录 {path}：{reason}；请用 -o 换一个可以写入的位置（如桌面）",
        "cannot write to {path}: {reason}; give -o a place you can write to (your desktop, say)",
    ),
    "output-unwritable": (
        "无法写入 {path}：{reason}；原有文件未改动（若该文件正在 Excel/WPS 中打开，请关闭后重试）",
        "cannot write {path}: {reason}; any previous file is unchanged (if it is open in Excel/WPS, close it and try again)",
    ),
    "os-disk-full": ("磁盘空间不足", "the disk is full"),
    "os-read-only-disk": ("磁盘为只读", "the disk is read-only"),
    "template-exists": (
        "已存在 {count} 个同名文件，未覆盖：{files}。可能是已填写的填报表；确需覆盖请加 --force，或用 --out 换一个目录",
        "{count} file(s) already exist and were not overwritten: {files}. They may be filled returns; "
        "add --force to overwrite, or choose another folder with --out",
    ),
    "ext-none": ("（无扩展名）", "(no extension)"),
    "kind-pipe": ("管道（FIFO）", "a pipe (FIFO)"),
    "kind-device": ("设备或套接字", "a device or socket"),
    "kind-folder": ("文件夹", "a folder"),
    "os-permission": ("权限不足", "permission denied"),
    "os-link-loop": ("链接指向自身，形成循环", "a link that loops back on itself"),
    "os-name-too-long": ("文件名过长", "the file name is too long"),
    "os-io": ("磁盘读取错误", "a disk read error"),
    # Why an entry under the returns folder was not read (the submissions list shows these).
    "skip.lock": (
        "Excel/WPS 打开文件时留下的锁定文件，不是填报表；关闭 Excel/WPS 后它会消失",
        "a lock file Excel or WPS leaves while a file is open, not a return; it goes when Excel/WPS is closed",
    ),
    "skip.hidden": ("隐藏文件或文件夹", "a hidden file or folder"),
    "skip.not-a-return": ("不是表格文件", "not a spreadsheet"),
    "skip.not-a-file": (
        "不是普通文件，而是管道、设备或套接字，未打开",
        "not a regular file but a pipe, device or socket; not opened",
    ),
    "skip.link-folder": (
        "指向文件夹的链接，未进入；请把文件直接放进填报表目录",
        "a link to a folder, not followed; put the files in the returns folder itself",
    ),
    "skip.broken-link": ("链接失效或循环", "a broken or looping link"),
    "skip.unreadable": ("无法读取，权限不足", "cannot be read: permission denied"),
    "skip.output": ("ipcounty 导出的汇总工作簿，不是填报表", "a workbook exported by ipcounty, not a return"),
}
