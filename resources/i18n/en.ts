<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name></name>
    <message>
        <source>审查意见完整，但签名人未经信任：请指定信任的签名证书后再验证</source>
        <translation>The review memo is intact, but the signer is not trusted: give the trusted signer certificate and verify again</translation>
    </message>
    <message>
        <source>✘ 审查意见完整，但签名人不受所给证书信任，不能采信</source>
        <translation>✘ The review memo is intact, but its signer does not chain to the given certificate: do not rely on it</translation>
    </message>
    <message>
        <location filename="../../ui/common/progress_panel.py" line="11"/>
        <source>%1 个文件</source>
        <translation>%1 files</translation>
    </message>
    <message>
        <location filename="../../ui/common/progress_panel.py" line="18"/>
        <source>已用 %1 秒</source>
        <translation>%1 s elapsed</translation>
    </message>
    <message>
        <location filename="../../ui/common/progress_panel.py" line="21"/>
        <source>剩余约 %1 秒</source>
        <translation>about %1 s left</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="44"/>
        <source>未检查</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="45"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="45"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="55"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="159"/>
        <source>（培训身份）</source>
        <translation> (training identity)</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="161"/>
        <source>整个文件</source>
        <translation>Entire file</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="167"/>
        <source>无法读取附带的审查结果：%1</source>
        <translation>Cannot read the attached review findings: %1</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="169"/>
        <source>✔ 审查意见完整有效：签名后未被改动</source>
        <translation>✔ The review memo is intact and valid: unchanged since it was signed</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="171"/>
        <source>✘ 审查意见已被改动或签名无效，不能采信</source>
        <translation>✘ The review memo was changed or its signature is invalid: do not rely on it</translation>
    </message>
    <message>
        <location filename="../../models/timeline/anomalies.py" line="52"/>
        <source>文件修改时间 {0} 晚于该证据项的 {1} {2}：封存或提取之后文件又被改动过，或时间来源有误</source>
        <translation>File modified at {0}, later than this evidence item&apos;s {1} {2}: the file was changed after sealing or extraction, or the time source is wrong</translation>
    </message>
    <message>
        <location filename="../../models/timeline/anomalies.py" line="63"/>
        <source>{0}（{1}）晚于证据包制作时间 {2}：不可能发生在制作之前的时间</source>
        <translation>{0} ({1}) is later than the bundle&apos;s preparation time {2}: impossible for data that existed when the bundle was prepared</translation>
    </message>
    <message>
        <location filename="../../models/timeline/anomalies.py" line="86"/>
        <source>创建时间 {0} 晚于修改时间 {1}。复制文件时，NTFS、ext4 等文件系统把副本的创建时间设为复制时刻，而保留原修改时间，因此副本常见此现象；若该文件位于原始介质上（未经复制），则需说明原因</source>
        <translation>Created {0}, later than modified {1}. When a file is copied, file systems such as NTFS and ext4 set the copy&apos;s creation time to the moment of copying and keep the original modification time, so copies often show this; if the file is on the original medium (not copied), the reason must be explained</translation>
    </message>
    <message>
        <location filename="../../models/timeline/anomalies.py" line="99"/>
        <source>EXIF 拍摄时间 {0} 与文件修改时间 {1} 相差 {2} 小时（阈值 {3} 小时）：照片拍摄后曾被编辑、另存或时钟有误</source>
        <translation>EXIF capture time {0} and file modification time {1} are {2} hours apart (threshold {3} hours): the photo was edited or saved again after it was taken, or a clock was wrong</translation>
    </message>
    <message>
        <location filename="../../models/timeline/anomalies.py" line="115"/>
        <source>{0} 个文件的{1}时间未记录时区，已按案件时区 {2} 解读，可能有整小时的偏差</source>
        <translation>{0} files have {1} times without a recorded time zone; they are read in the case time zone {2} and may be off by whole hours</translation>
    </message>
    <message>
        <location filename="../../models/timeline/anomalies.py" line="116"/>
        <source>EXIF 拍摄</source>
        <translation>EXIF capture</translation>
    </message>
    <message>
        <location filename="../../models/timeline/anomalies.py" line="116"/>
        <source>文件系统</source>
        <translation>file system</translation>
    </message>
    <message>
        <source>关于证审台</source>
        <translation>About EvidenceDesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;证审台 EvidenceDesk&lt;/b&gt; 版本 %1</source>
        <translation>&lt;b&gt;EvidenceDesk&lt;/b&gt; version %1</translation>
    </message>
    <message>
        <source>依据《人民检察院办理网络犯罪案件规定》第三章审查电子数据的离线工作台。证据包以只读方式打开，审查记录保存在独立的审查库中。</source>
        <translation>An offline workstation for reviewing electronic evidence under chapter 3 of the Provisions of the People's Procuratorates on Handling Cybercrime Cases. Bundles are opened read-only; the review is kept in a separate review store.</translation>
    </message>
    <message>
        <source>{0} 个文件的创建时间晚于修改时间，且创建于证据固定之后：证据包是复制件，复制时文件系统把创建时间设为复制时刻、保留原修改时间，由此可以解释，无须逐一说明（如 {1}）</source>
        <translation>{0} files were created after they were modified, and created after the evidence was fixed: the bundle is a copy, and copying sets the creation time to the moment of copying while keeping the modification time, which explains it; no explanation is needed file by file (e.g. {1})</translation>
    </message>
    <message>
        <source>不属于任何证据项的文件：</source>
        <translation>Files of no item: </translation>
    </message>
</context>
<context>
    <name>AuditBanner</name>
    <message>
        <source>审计日志校验失败：%1。审查记录可能在程序之外被改动，请勿依赖本审查库中的决定，并向技术人员报告。</source>
        <translation>The audit log does not hold: %1. The review records may have been changed outside the program: do not rely on the decisions in this store, and report it to technical staff.</translation>
    </message>
    <message>
        <location filename="../../ui/review/audit_banner.py" line="34"/>
        <source>我已知悉（记入审计日志）</source>
        <translation>I acknowledge this (recorded in the audit log)</translation>
    </message>
    <message>
        <location filename="../../ui/review/audit_banner.py" line="53"/>
        <source>审计日志校验失败：第 %1 条记录起哈希链断裂，审查记录可能在程序之外被改动。请勿依赖本审查库中的决定，并向技术人员报告。</source>
        <translation>Audit log check failed: the hash chain is broken from entry %1 on, so the review records may have been changed outside this program. Do not rely on the decisions in this review store, and report it to technical staff.</translation>
    </message>
    <message>
        <location filename="../../ui/review/audit_banner.py" line="56"/>
        <source>（%1 已于 %2 确认知悉）</source>
        <translation> (acknowledged by %1 at %2)</translation>
    </message>
    <message>
        <location filename="../../ui/review/audit_banner.py" line="61"/>
        <source>审计日志断裂</source>
        <translation>Audit log broken</translation>
    </message>
    <message>
        <location filename="../../ui/review/audit_banner.py" line="62"/>
        <source>确认您已知悉审计日志断裂？此确认将以您的名义记入审计日志。</source>
        <translation>Confirm that you are aware the audit log is broken? This acknowledgement is recorded in the audit log under your name.</translation>
    </message>
    <message>
        <source>以此审查库为准…</source>
        <translation>Take this store as the truth…</translation>
    </message>
</context>
<context>
    <name>CaseHeader</name>
    <message>
        <location filename="../../ui/window/case_header.py" line="33"/>
        <source>证据包</source>
        <translation>Bundle</translation>
    </message>
    <message>
        <location filename="../../ui/window/case_header.py" line="33"/>
        <source>临时证据包（无清单）</source>
        <translation>Ad-hoc bundle (no manifest)</translation>
    </message>
    <message>
        <location filename="../../ui/window/case_header.py" line="33"/>
        <source>文件夹</source>
        <translation>Folder</translation>
    </message>
    <message>
        <location filename="../../ui/window/case_header.py" line="34"/>
        <location filename="../../ui/window/case_header.py" line="39"/>
        <source>时区</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <location filename="../../ui/window/case_header.py" line="37"/>
        <source>案号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../ui/window/case_header.py" line="37"/>
        <source>案件</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../ui/window/case_header.py" line="38"/>
        <source>罪名</source>
        <translation>Charge</translation>
    </message>
    <message>
        <location filename="../../ui/window/case_header.py" line="38"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/window/case_header.py" line="39"/>
        <source>制作人/制作时间</source>
        <translation>Prepared by / at</translation>
    </message>
    <message>
        <source>%1 冻结期限已于 %2 届满</source>
        <translation>%1: the freeze expired on %2</translation>
    </message>
    <message>
        <source>%1 冻结期限还剩 %2 天（%3 届满）</source>
        <translation>%1: the freeze expires in %2 days (on %3)</translation>
    </message>
</context>
<context>
    <name>ClauseListModel</name>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="153"/>
        <source>第%1条</source>
        <translation>Art. %1</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="61"/>
        <source>条款</source>
        <translation>Article</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="61"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="61"/>
        <source>自动结果</source>
        <translation>Auto result</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="15"/>
        <source>审查</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="15"/>
        <source>通过</source>
        <translation>Pass</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="15"/>
        <source>不符合</source>
        <translation>Not met</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="15"/>
        <source>注意</source>
        <translation>Attention</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="15"/>
        <source>待审查</source>
        <translation>To review</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="15"/>
        <source>未记录</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="15"/>
        <source>尚未校验</source>
        <translation>Not yet verified</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="16"/>
        <source>不适用</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="16"/>
        <source>无法检查</source>
        <translation>Cannot check</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="113"/>
        <source>待决</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="113"/>
        <source>✓ 已确认</source>
        <translation>✓ Confirmed</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="113"/>
        <source>✓ 已推翻</source>
        <translation>✓ Overridden</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="113"/>
        <source>✓ 已回答</source>
        <translation>✓ Answered</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="113"/>
        <source>✓ 已回答：是</source>
        <translation>✓ Answered: yes</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="113"/>
        <source>✓ 已回答：否</source>
        <translation>✓ Answered: no</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="113"/>
        <source>✓ 已回答：不明</source>
        <translation>✓ Answered: unclear</translation>
    </message>
</context>
<context>
    <name>ClausePane</name>
    <message>
        <location filename="../../ui/review/clause_pane.py" line="101"/>
        <source>对照封存前后照片</source>
        <translation>Compare photos before/after sealing</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_pane.py" line="115"/>
        <source>确认 (1)</source>
        <translation>Confirm (1)</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_pane.py" line="116"/>
        <source>推翻 (2)</source>
        <translation>Override (2)</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_pane.py" line="117"/>
        <source>回答 (3)</source>
        <translation>Answer (3)</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_pane.py" line="122"/>
        <source>推翻理由（必填）</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_pane.py" line="124"/>
        <source>（选择回答）</source>
        <translation>(choose an answer)</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_pane.py" line="128"/>
        <source>审查意见备注（Ctrl+Enter 保存）</source>
        <translation>Note for the review memo (Ctrl+Enter saves)</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_pane.py" line="156"/>
        <source>（请在左侧选择条款）</source>
        <translation>(select a clause on the left)</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_pane.py" line="165"/>
        <source>第%1条&#x3000;%2</source>
        <translation>Art. %1  %2</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_pane.py" line="168"/>
        <source>审查要点：</source>
        <translation>Points to review: </translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_pane.py" line="184"/>
        <source>&#x3000;理由：</source>
        <translation>  Reason: </translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_pane.py" line="187"/>
        <source>审查决定：</source>
        <translation>Decision: </translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_pane.py" line="194"/>
        <source>本条须由审查人回答（按 3）</source>
        <translation>This clause must be answered by the reviewer (press 3)</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_pane.py" line="202"/>
        <source>推翻自动结论须填写理由</source>
        <translation>Overriding the automatic result requires a reason</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_pane.py" line="210"/>
        <source>请先选择回答：是、否或不明</source>
        <translation>Choose an answer first: Yes, No or Unclear</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="18"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="18"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="18"/>
        <source>不明</source>
        <translation>Unclear</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="15"/>
        <source>通过</source>
        <translation>Pass</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="15"/>
        <source>不符合</source>
        <translation>Not met</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="15"/>
        <source>注意</source>
        <translation>Attention</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="15"/>
        <source>待审查</source>
        <translation>To review</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="15"/>
        <source>未记录</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="15"/>
        <source>尚未校验</source>
        <translation>Not yet verified</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="16"/>
        <source>不适用</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="16"/>
        <source>无法检查</source>
        <translation>Cannot check</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_pane.py" line="170"/>
        <source>自动</source>
        <translation>automatic</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_pane.py" line="170"/>
        <source>辅助</source>
        <translation>assisted</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_pane.py" line="170"/>
        <source>人工</source>
        <translation>manual</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="113"/>
        <source>待决</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="113"/>
        <source>✓ 已确认</source>
        <translation>✓ Confirmed</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="113"/>
        <source>✓ 已推翻</source>
        <translation>✓ Overridden</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="113"/>
        <source>✓ 已回答</source>
        <translation>✓ Answered</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="113"/>
        <source>✓ 已回答：是</source>
        <translation>✓ Answered: yes</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="113"/>
        <source>✓ 已回答：否</source>
        <translation>✓ Answered: no</translation>
    </message>
    <message>
        <location filename="../../ui/review/clause_list_model.py" line="113"/>
        <source>✓ 已回答：不明</source>
        <translation>✓ Answered: unclear</translation>
    </message>
    <message>
        <source>撤销决定 (0)</source>
        <translation>Undo decision (0)</translation>
    </message>
    <message>
        <source>把本条退回待决（记入审计日志）</source>
        <translation>Take this clause back to pending (recorded in the audit log)</translation>
    </message>
    <message>
        <source>审查意见备注（Ctrl+Enter 保存备注；尚未决定时随决定一并保存）</source>
        <translation>Note for the review memo (Ctrl+Enter saves the note; before a decision it is saved with the decision)</translation>
    </message>
    <message>
        <source>推翻：改为%1 (2)</source>
        <translation>Override: make it %1 (2)</translation>
    </message>
    <message>
        <source>（改为%1）</source>
        <translation> (now %1)</translation>
    </message>
    <message>
        <source>备注已留存，将随本条决定一并保存：按 1 确认、2 推翻或 3 回答</source>
        <translation>Note kept; it is saved with this clause's decision: press 1 to confirm, 2 to override or 3 to answer</translation>
    </message>
    <message>
        <source>符合</source>
        <translation>met</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>（未记录）</source>
        <translation>(not recorded)</translation>
    </message>
    <message>
        <source>……另有 %1 项</source>
        <translation>... and %1 more</translation>
    </message>
    <message>
        <source>本条已在另一窗口或由另一审查人作出决定（见上），未予覆盖；核对后如仍要改，请再次操作</source>
        <translation>This clause was decided meanwhile in another window or by another reviewer (shown above) and was not replaced; check it, then act again to change it</translation>
    </message>
    <message>
        <source>未保存：审查库无法写入</source>
        <translation>Not saved: the review store cannot be written</translation>
    </message>
    <message>
        <source>已恢复未保存的备注或理由（尚未保存）</source>
        <translation>The unsaved note or reason is back (not saved yet)</translation>
    </message>
</context>
<context>
    <name>DensityStrip</name>
    <message>
        <location filename="../../ui/timeline/density_strip.py" line="97"/>
        <source>没有时间记录</source>
        <translation>No times recorded</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/density_strip.py" line="148"/>
        <source>%1 个时间</source>
        <translation>%1 times</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/density_strip.py" line="164"/>
        <source>此段 %1 个时间</source>
        <translation>%1 times in this span</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="9"/>
        <source>修改时间</source>
        <translation>Modified</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="10"/>
        <source>创建时间</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="11"/>
        <source>访问时间</source>
        <translation>Accessed</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="12"/>
        <source>变更时间</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="13"/>
        <source>文件系统</source>
        <translation>file system</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="13"/>
        <source>EXIF</source>
        <translation>EXIF</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="14"/>
        <location filename="../../ui/detail/detail_pane.py" line="126"/>
        <source>清单</source>
        <translation>Manifest</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="14"/>
        <source>容器</source>
        <translation>container</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="15"/>
        <location filename="../../ui/detail/detail_pane.py" line="80"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="15"/>
        <source>文件夹</source>
        <translation>Folder</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="16"/>
        <source>链接</source>
        <translation>link</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="16"/>
        <source>其他</source>
        <translation>other</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="38"/>
        <location filename="../../ui/detail/detail_pane.py" line="69"/>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="41"/>
        <source>显示 UTC 原值</source>
        <translation>Show raw UTC values</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="55"/>
        <source>在文件列表中选择一个文件，这里显示它的元数据。</source>
        <translation>Select a file in the list to see its metadata here.</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="80"/>
        <location filename="../../ui/detail/detail_pane.py" line="120"/>
        <source>路径</source>
        <translation>Path</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="80"/>
        <location filename="../../ui/detail/detail_pane.py" line="128"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="80"/>
        <source>审查库中没有此文件</source>
        <translation>This file is not in the review store</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="82"/>
        <source>基本信息</source>
        <translation>Basic information</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="83"/>
        <source>时间（%1）</source>
        <translation>Times (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="120"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="121"/>
        <source>种类</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="123"/>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="123"/>
        <source>%1 字节</source>
        <translation>%1 bytes</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="125"/>
        <source>链接目标</source>
        <translation>Link target</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="125"/>
        <source>（未跟随）</source>
        <translation> (not followed)</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="126"/>
        <source>证据项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="128"/>
        <source>已删除（从镜像恢复）</source>
        <translation>Deleted (recovered from the image)</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="129"/>
        <source>读取错误</source>
        <translation>Read error</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="129"/>
        <source>类型识别错误</source>
        <translation>Type detection error</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="140"/>
        <source>无（来源不提供）</source>
        <translation>None (the source does not record it)</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="150"/>
        <source>不属于任何证据项</source>
        <translation>Not in any item</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="156"/>
        <source>清单所列</source>
        <translation>Listed in the manifest</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="158"/>
        <source>清单外新增（第三十条第（四）项）</source>
        <translation>Addition not in the manifest (Art. 30(4))</translation>
    </message>
    <message>
        <location filename="../../ui/detail/detail_pane.py" line="159"/>
        <source>清单未列</source>
        <translation>Not listed in the manifest</translation>
    </message>
    <message>
        <source>文件系统，本地时间按案件时区读取</source>
        <translation>file system, local time read in the case zone</translation>
    </message>
    <message>
        <source>文件系统，ISO 9660 时区偏移未读出，按 UTC 读取</source>
        <translation>file system, ISO 9660 offset from UTC not read: read as UTC</translation>
    </message>
    <message>
        <source>在镜像中的位置</source>
        <translation>Place in the image</translation>
    </message>
    <message>
        <source>磁盘镜像 %1</source>
        <translation>Disk image %1</translation>
    </message>
</context>
<context>
    <name>DigestSection</name>
    <message>
        <source>镜像内的文件：校验值按需计算，镜像不会被改动</source>
        <translation>A file inside a disk image: digests computed on demand; the image is not changed</translation>
    </message>
    <message>
        <source>计算哈希值</source>
        <translation>Compute digests</translation>
    </message>
    <message>
        <source>正在计算…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <source>正在计算哈希值</source>
        <translation>Computing digests</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>无法计算：%1</source>
        <translation>Could not compute: %1</translation>
    </message>
    <message>
        <source>读取字节数</source>
        <translation>Bytes read</translation>
    </message>
    <message>
        <location filename="../../ui/detail/digest_section.py" line="16"/>
        <source>完整性校验值</source>
        <translation>Integrity hashes</translation>
    </message>
    <message>
        <location filename="../../ui/detail/digest_section.py" line="31"/>
        <source>记录：%1</source>
        <translation>Recorded: %1</translation>
    </message>
    <message>
        <location filename="../../ui/detail/digest_section.py" line="31"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../ui/detail/digest_section.py" line="32"/>
        <source>计算：%1</source>
        <translation>Computed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/detail/digest_section.py" line="32"/>
        <source>（未算出）</source>
        <translation>(not computed)</translation>
    </message>
    <message>
        <location filename="../../ui/detail/digest_section.py" line="45"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/detail/digest_section.py" line="45"/>
        <source>尚未校验（在“校验”页点击“校验”）</source>
        <translation>Not verified yet (click &quot;Verify&quot; on the Verification tab)</translation>
    </message>
    <message>
        <location filename="../../ui/detail/digest_section.py" line="55"/>
        <source>校验时间</source>
        <translation>Verified at</translation>
    </message>
    <message>
        <location filename="../../ui/detail/digest_section.py" line="34"/>
        <source>记录来源：%1</source>
        <translation>Recorded in: %1</translation>
    </message>
    <message>
        <location filename="../../ui/detail/digest_section.py" line="49"/>
        <source>清单</source>
        <translation>Manifest</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>审查库已损坏，已另存并新建</source>
        <translation>The review store was damaged: kept aside, a new one started</translation>
    </message>
    <message>
        <location filename="../../ui/common/errors.py" line="50"/>
        <source>无法打开证据包</source>
        <translation>Cannot open the bundle</translation>
    </message>
    <message>
        <location filename="../../ui/common/errors.py" line="84"/>
        <source>程序遇到意外错误，已记录，窗口仍可继续使用。</source>
        <translation>The program met an unexpected error. It has been logged, and the window can still be used.</translation>
    </message>
    <message>
        <location filename="../../ui/common/errors.py" line="87"/>
        <source>内部错误</source>
        <translation>Internal error</translation>
    </message>
    <message>
        <location filename="../../ui/common/errors.py" line="35"/>
        <source>读取出错：%1</source>
        <translation>Read error: %1</translation>
    </message>
    <message>
        <location filename="../../ui/common/errors.py" line="41"/>
        <source>清单中的字段：%1</source>
        <translation>Manifest field: %1</translation>
    </message>
    <message>
        <location filename="../../ui/common/errors.py" line="52"/>
        <source>清单无效 / invalid manifest</source>
        <translation>Invalid manifest</translation>
    </message>
    <message>
        <location filename="../../ui/common/errors.py" line="44"/>
        <source>另有 %1 处问题，修正此处后再次打开可见。</source>
        <translation>%1 more problems; they show when this one is fixed and the bundle opened again.</translation>
    </message>
    <message>
        <location filename="../../ui/common/errors.py" line="86"/>
        <source>详情见日志：%1</source>
        <translation>Details in the log: %1</translation>
    </message>
    <message>
        <location filename="../../ui/common/errors.py" line="19"/>
        <source>文件不存在（清单或库中有记录，证据包中已没有）</source>
        <translation>File not found (recorded in the manifest or the store, but no longer in the bundle)</translation>
    </message>
    <message>
        <location filename="../../ui/common/errors.py" line="20"/>
        <source>没有读取权限</source>
        <translation>No permission to read</translation>
    </message>
    <message>
        <location filename="../../ui/common/errors.py" line="21"/>
        <source>这是文件夹，不是文件</source>
        <translation>This is a folder, not a file</translation>
    </message>
    <message>
        <location filename="../../ui/common/errors.py" line="22"/>
        <source>路径中有一段不是文件夹</source>
        <translation>A part of the path is not a folder</translation>
    </message>
    <message>
        <source>未能完成</source>
        <translation>Not completed</translation>
    </message>
    <message>
        <source>%1未能完成：%2。</source>
        <translation>%1 not completed: %2.</translation>
    </message>
    <message>
        <source>窗口仍可继续使用；可再次运行，或重新打开本案。</source>
        <translation>The window can still be used; run it again, or open the case again.</translation>
    </message>
</context>
<context>
    <name>EvidenceDesk</name>
    <message>
        <location filename="../../models/timeline/anomalies.py" line="63"/>
        <source>{0}（{1}）晚于证据包制作时间 {2}：不可能发生在制作之前的时间</source>
        <translation>{0} ({1}) is later than the bundle&apos;s preparation time {2}: impossible for data that existed when the bundle was prepared</translation>
    </message>
    <message>
        <location filename="../../models/timeline/anomalies.py" line="86"/>
        <source>创建时间 {0} 晚于修改时间 {1}。复制文件时，NTFS、ext4 等文件系统把副本的创建时间设为复制时刻，而保留原修改时间，因此副本常见此现象；若该文件位于原始介质上（未经复制），则需说明原因</source>
        <translation>Created {0}, later than modified {1}. When a file is copied, file systems such as NTFS and ext4 set the copy&apos;s creation time to the moment of copying and keep the original modification time, so copies often show this; if the file is on the original medium (not copied), the reason must be explained</translation>
    </message>
    <message>
        <location filename="../../models/timeline/anomalies.py" line="99"/>
        <source>EXIF 拍摄时间 {0} 与文件修改时间 {1} 相差 {2} 小时（阈值 {3} 小时）：照片拍摄后曾被编辑、另存或时钟有误</source>
        <translation>EXIF capture time {0} and file modification time {1} are {2} hours apart (threshold {3} hours): the photo was edited or saved again after it was taken, or a clock was wrong</translation>
    </message>
    <message>
        <location filename="../../models/timeline/anomalies.py" line="115"/>
        <source>{0} 个文件的{1}时间未记录时区，已按案件时区 {2} 解读，可能有整小时的偏差</source>
        <translation>{0} files have {1} times without a recorded time zone; they are read in the case time zone {2} and may be off by whole hours</translation>
    </message>
    <message>
        <location filename="../../models/timeline/anomalies.py" line="116"/>
        <source>EXIF 拍摄</source>
        <translation>EXIF capture</translation>
    </message>
    <message>
        <location filename="../../models/timeline/anomalies.py" line="116"/>
        <source>文件系统</source>
        <translation>file system</translation>
    </message>
    <message>
        <location filename="../../models/timeline/anomalies.py" line="51"/>
        <source>文件修改时间 {0} 晚于该证据项的 {1} {2}：封存或提取之后文件又被改动过，或时间来源有误</source>
        <translation>File modified at {0}, later than this evidence item&apos;s {1} {2}: the file was changed after sealing or extraction, or the time source is wrong</translation>
    </message>
</context>
<context>
    <name>ExifSection</name>
    <message>
        <location filename="../../ui/detail/exif_section.py" line="38"/>
        <source>（相机记录的时区）</source>
        <translation> (zone recorded by the camera)</translation>
    </message>
    <message>
        <location filename="../../ui/detail/exif_section.py" line="40"/>
        <source>时区未知（按案件时区解读）</source>
        <translation>time zone unknown (read in the case time zone)</translation>
    </message>
    <message>
        <location filename="../../ui/detail/exif_section.py" line="54"/>
        <source>北纬</source>
        <translation>N</translation>
    </message>
    <message>
        <location filename="../../ui/detail/exif_section.py" line="54"/>
        <source>南纬</source>
        <translation>S</translation>
    </message>
    <message>
        <location filename="../../ui/detail/exif_section.py" line="55"/>
        <source>东经</source>
        <translation>E</translation>
    </message>
    <message>
        <location filename="../../ui/detail/exif_section.py" line="55"/>
        <source>西经</source>
        <translation>W</translation>
    </message>
    <message>
        <location filename="../../ui/detail/exif_section.py" line="66"/>
        <source>厂商</source>
        <translation>Make</translation>
    </message>
    <message>
        <location filename="../../ui/detail/exif_section.py" line="66"/>
        <source>型号</source>
        <translation>Model</translation>
    </message>
    <message>
        <location filename="../../ui/detail/exif_section.py" line="67"/>
        <source>机身序列号</source>
        <translation>Body serial number</translation>
    </message>
    <message>
        <location filename="../../ui/detail/exif_section.py" line="67"/>
        <source>软件</source>
        <translation>Software</translation>
    </message>
    <message>
        <location filename="../../ui/detail/exif_section.py" line="68"/>
        <source>拍摄时间</source>
        <translation>Date taken</translation>
    </message>
    <message>
        <location filename="../../ui/detail/exif_section.py" line="70"/>
        <source>数字化时间</source>
        <translation>Date digitized</translation>
    </message>
    <message>
        <location filename="../../ui/detail/exif_section.py" line="73"/>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <location filename="../../ui/detail/exif_section.py" line="74"/>
        <source>读取问题</source>
        <translation>Read problem</translation>
    </message>
    <message>
        <location filename="../../ui/detail/exif_section.py" line="29"/>
        <source>EXIF 记录损坏</source>
        <translation>EXIF record damaged</translation>
    </message>
    <message>
        <location filename="../../ui/detail/exif_section.py" line="57"/>
        <source>海拔 %1 米</source>
        <translation>Altitude %1 m</translation>
    </message>
    <message>
        <location filename="../../ui/detail/exif_section.py" line="42"/>
        <source>按 %1 解读：%2</source>
        <translation>Read as %1: %2</translation>
    </message>
</context>
<context>
    <name>FileTableModel</name>
    <message>
        <location filename="../../ui/files/file_table_model.py" line="18"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/files/file_table_model.py" line="18"/>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../ui/files/file_table_model.py" line="19"/>
        <source>修改时间</source>
        <translation>Modified</translation>
    </message>
    <message>
        <location filename="../../ui/files/file_table_model.py" line="19"/>
        <source>创建时间</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../ui/files/file_table_model.py" line="20"/>
        <source>访问时间</source>
        <translation>Accessed</translation>
    </message>
    <message>
        <location filename="../../ui/files/file_table_model.py" line="20"/>
        <source>变更时间</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location filename="../../ui/files/file_table_model.py" line="21"/>
        <source>证据项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/files/file_table_model.py" line="21"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/files/file_table_model.py" line="389"/>
        <source>%1 字节</source>
        <translation>%1 bytes</translation>
    </message>
    <message>
        <source>所在文件夹</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Flags</translation>
    </message>
</context>
<context>
    <name>FilesTab</name>
    <message>
        <location filename="../../ui/files/files_tab.py" line="32"/>
        <source>按路径筛选（包含的文字）</source>
        <translation>Filter by path (contains)</translation>
    </message>
    <message>
        <location filename="../../ui/files/files_tab.py" line="101"/>
        <source>正在为排序建立索引</source>
        <translation>Indexing for sorting</translation>
    </message>
    <message>
        <location filename="../../ui/files/files_tab.py" line="151"/>
        <source>共 %1 个条目</source>
        <translation>%1 entries</translation>
    </message>
    <message>
        <source>全部文件</source>
        <translation>All files</translation>
    </message>
    <message>
        <source>有提示的文件</source>
        <translation>Flagged files</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>在预览中查看</source>
        <translation>Show in the preview</translation>
    </message>
    <message>
        <source>用系统程序打开（只读副本）</source>
        <translation>Open with the system's program (read-only copy)</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <location filename="../../ui/memo/identity_dialog.py" line="20"/>
        <source>创建签名身份</source>
        <translation>Create signing identity</translation>
    </message>
    <message>
        <location filename="../../ui/memo/identity_dialog.py" line="23"/>
        <source>培训身份（审查意见上标注“培训”，不得用于办案）</source>
        <translation>Training identity (memos are marked &quot;training&quot;; not for real cases)</translation>
    </message>
    <message>
        <location filename="../../ui/memo/identity_dialog.py" line="33"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/memo/identity_dialog.py" line="35"/>
        <source>口令</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/memo/identity_dialog.py" line="36"/>
        <source>再次输入口令</source>
        <translation>Repeat passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/memo/identity_dialog.py" line="37"/>
        <source>身份文件</source>
        <translation>Identity file</translation>
    </message>
    <message>
        <location filename="../../ui/memo/identity_dialog.py" line="39"/>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <location filename="../../ui/memo/identity_dialog.py" line="40"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/memo/identity_dialog.py" line="44"/>
        <source>口令不会被保存；证书（.pem）写在身份文件旁，可交给核验审查意见的人。</source>
        <translation>The passphrase is not stored. The certificate (.pem) is written next to the identity file; give it to whoever verifies your review memos.</translation>
    </message>
    <message>
        <location filename="../../ui/memo/identity_dialog.py" line="50"/>
        <source>保存签名身份</source>
        <translation>Save signing identity</translation>
    </message>
    <message>
        <location filename="../../ui/memo/identity_dialog.py" line="51"/>
        <source>PKCS#12 身份 (*.p12)</source>
        <translation>PKCS#12 identity (*.p12)</translation>
    </message>
    <message>
        <location filename="../../ui/memo/identity_dialog.py" line="58"/>
        <source>请输入姓名</source>
        <translation>Enter a name</translation>
    </message>
    <message>
        <location filename="../../ui/memo/identity_dialog.py" line="60"/>
        <source>请输入口令</source>
        <translation>Enter a passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/memo/identity_dialog.py" line="62"/>
        <source>两次输入的口令不一致</source>
        <translation>The two passphrases do not match</translation>
    </message>
    <message>
        <location filename="../../ui/memo/identity_dialog.py" line="64"/>
        <source>请指定身份文件（.p12）</source>
        <translation>Choose the identity file (.p12)</translation>
    </message>
    <message>
        <source>无法写入身份文件 %1：%2</source>
        <translation>Cannot write the identity file %1: %2</translation>
    </message>
    <message>
        <source>该路径已存在且不是普通文件，不能写入：%1</source>
        <translation>That path exists and is not a regular file; it cannot be written: %1</translation>
    </message>
    <message>
        <source>不能写在审查库的文件上（会毁掉其中的审查决定）：%1</source>
        <translation>Cannot write over a review store's file (its decisions would be lost): %1</translation>
    </message>
    <message>
        <source>身份文件不得保存在打开的证据包内（证据不得改动）：%1</source>
        <translation>The identity file must not be saved inside the open bundle (evidence is never changed): %1</translation>
    </message>
</context>
<context>
    <name>ImageLabel</name>
    <message>
        <location filename="../../ui/detail/media_viewers.py" line="75"/>
        <source>无法显示 %1：%2</source>
        <translation>Cannot show %1: %2</translation>
    </message>
</context>
<context>
    <name>ImageViewerDialog</name>
    <message>
        <location filename="../../ui/detail/media_viewers.py" line="93"/>
        <source>查看图片：%1</source>
        <translation>Image: %1</translation>
    </message>
</context>
<context>
    <name>ItemTree</name>
    <message>
        <location filename="../../ui/files/item_tree.py" line="9"/>
        <source>扣押介质</source>
        <translation>seized media</translation>
    </message>
    <message>
        <location filename="../../ui/files/item_tree.py" line="9"/>
        <source>介质镜像</source>
        <translation>media image</translation>
    </message>
    <message>
        <location filename="../../ui/files/item_tree.py" line="10"/>
        <source>现场提取</source>
        <translation>on-site extraction</translation>
    </message>
    <message>
        <location filename="../../ui/files/item_tree.py" line="11"/>
        <source>在线提取</source>
        <translation>online extraction</translation>
    </message>
    <message>
        <location filename="../../ui/files/item_tree.py" line="11"/>
        <source>冻结</source>
        <translation>frozen</translation>
    </message>
    <message>
        <location filename="../../ui/files/item_tree.py" line="12"/>
        <source>调取</source>
        <translation>obtained</translation>
    </message>
    <message>
        <location filename="../../ui/files/item_tree.py" line="12"/>
        <source>检查</source>
        <translation>inspection</translation>
    </message>
    <message>
        <location filename="../../ui/files/item_tree.py" line="13"/>
        <source>鉴定</source>
        <translation>appraisal</translation>
    </message>
    <message>
        <location filename="../../ui/files/item_tree.py" line="53"/>
        <source>证据项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/files/item_tree.py" line="53"/>
        <source>文件夹树</source>
        <translation>Folders</translation>
    </message>
    <message>
        <location filename="../../ui/files/item_tree.py" line="82"/>
        <source>全部文件</source>
        <translation>All files</translation>
    </message>
    <message>
        <location filename="../../ui/files/item_tree.py" line="82"/>
        <source>全部文件（%1）</source>
        <translation>All files (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/files/item_tree.py" line="92"/>
        <source>不属于任何证据项（%1）</source>
        <translation>Not in any item (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/files/item_tree.py" line="117"/>
        <source>（文件过多，仅列出部分文件夹）</source>
        <translation>(too many entries: some folders only)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>打开磁盘镜像…</source>
        <translation>Open disk image…</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="51"/>
        <source>文件</source>
        <translation>Files</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="100"/>
        <source>审查</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="100"/>
        <source>工具</source>
        <translation>Tools</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="100"/>
        <source>文件</source>
        <comment>menu</comment>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="101"/>
        <source>培训</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="101"/>
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="102"/>
        <source>打开证据包…</source>
        <translation>Open bundle…</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="103"/>
        <source>最近打开</source>
        <translation>Recent bundles</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="106"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="107"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="122"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="242"/>
        <source>正在扫描</source>
        <translation>Scanning</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="264"/>
        <source>扫描完成：%1 个文件，%2 MB，用时 %3 秒</source>
        <translation>Scan finished: %1 files, %2 MB, %3 s</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="276"/>
        <source>扫描已取消：列表显示已扫描的文件</source>
        <translation>Scan cancelled: the list shows the files scanned so far</translation>
    </message>
    <message>
        <source>另一程序（如命令行的校验或检查）正在写入本案的审查库，待其完成后即打开本案…</source>
        <translation>Another program (a command-line verify or check) is writing this case's review store; the case opens when it has finished…</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="278"/>
        <source>扫描失败：%1</source>
        <translation>Scan failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="300"/>
        <source>正在识别文件类型</source>
        <translation>Detecting file types</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="311"/>
        <source>类型识别完成：%1 个文件</source>
        <translation>File types detected: %1 files</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="340"/>
        <source>关于证审台</source>
        <translation>About EvidenceDesk</translation>
    </message>
    <message>
        <location filename="../../ui/window/main_window.py" line="341"/>
        <source>证审台 EvidenceDesk
依据《人民检察院办理网络犯罪案件规定》第三章审查电子数据的离线工作台。
证据包以只读方式打开，审查记录保存在独立的审查库中。</source>
        <translation>EvidenceDesk
An offline workstation for reviewing electronic evidence under chapter 3 of the Provisions of the People&apos;s Procuratorates on Handling Cybercrime Cases.
Bundles are opened read-only; the review is kept in a separate review store.</translation>
    </message>
    <message>
        <location filename="../../ui/window/case_tabs.py" line="36"/>
        <source>校验</source>
        <translation>Verification</translation>
    </message>
    <message>
        <location filename="../../ui/window/case_tabs.py" line="38"/>
        <source>时间线</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../ui/window/case_tabs.py" line="90"/>
        <source>校验全案摘要</source>
        <translation>Verify all case hashes</translation>
    </message>
    <message>
        <location filename="../../ui/window/case_tabs.py" line="92"/>
        <source>运行自动检查</source>
        <translation>Run automatic checks</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_actions.py" line="13"/>
        <source>审查意见</source>
        <translation>Review memo</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_actions.py" line="18"/>
        <source>导出审查意见…</source>
        <translation>Export review memo…</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_actions.py" line="19"/>
        <source>验证审查意见…</source>
        <translation>Verify review memo…</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_actions.py" line="21"/>
        <source>创建签名身份…</source>
        <translation>Create signing identity…</translation>
    </message>
    <message>
        <source>下一条待决条款</source>
        <translation>Next pending clause</translation>
    </message>
    <message>
        <source>&lt;b&gt;证审台 EvidenceDesk&lt;/b&gt; 版本 %1</source>
        <translation>&lt;b&gt;EvidenceDesk&lt;/b&gt; version %1</translation>
    </message>
    <message>
        <source>依据《人民检察院办理网络犯罪案件规定》第三章审查电子数据的离线工作台。证据包以只读方式打开，审查记录保存在独立的审查库中。</source>
        <translation>An offline workstation for reviewing electronic evidence under chapter 3 of the Provisions of the People's Procuratorates on Handling Cybercrime Cases. Bundles are opened read-only; the review is kept in a separate review store.</translation>
    </message>
    <message>
        <source>比对原件与备份（第三十一条第（三）项）…</source>
        <translation>Compare original and backup (Art. 31.3)…</translation>
    </message>
    <message>
        <source>计算哈希值…</source>
        <translation>Compute hashes…</translation>
    </message>
    <message>
        <source>导出当前表格为 CSV…</source>
        <translation>Export current table as CSV…</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>使用手册</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>当前页没有可导出的表格</source>
        <translation>This page has no table to export</translation>
    </message>
    <message>
        <source>导出当前表格为 CSV</source>
        <translation>Export current table as CSV</translation>
    </message>
    <message>
        <source>不能写入证据包：请选择证据包以外的位置</source>
        <translation>Cannot write into the bundle: choose a place outside it</translation>
    </message>
    <message>
        <source>该路径已存在且不是普通文件，不能写入：%1</source>
        <translation>That path exists and is not a regular file; it cannot be written: %1</translation>
    </message>
    <message>
        <source>不能写在审查库的文件上（会毁掉其中的审查决定）：%1</source>
        <translation>Cannot write over a review store's file (its decisions would be lost): %1</translation>
    </message>
    <message>
        <source>未能导出到 %1：%2</source>
        <translation>Could not export to %1: %2</translation>
    </message>
    <message>
        <source>已导出 %1 行到 %2</source>
        <translation>Exported %1 rows to %2</translation>
    </message>
    <message>
        <source>E01 文件头代码页</source>
        <translation>E01 header code page</translation>
    </message>
    <message>
        <source>默认（按 ASCII 读取，出现乱码时按 windows-936）</source>
        <translation>Default (read as ASCII; as windows-936 where that garbles)</translation>
    </message>
    <message>
        <source>默认</source>
        <translation>default</translation>
    </message>
    <message>
        <source>E01 文件头代码页：%1（本案）。重新运行自动检查后，检查结果按此读取</source>
        <translation>E01 header code page: %1 (this case). The checks read headers in it at their next run</translation>
    </message>
    <message>
        <source>扫描</source>
        <translation>The scan</translation>
    </message>
    <message>
        <source>文件类型识别</source>
        <translation>File typing</translation>
    </message>
</context>
<context>
    <name>MemoDialog</name>
    <message>
        <source>此证据包尚未完成扫描、校验和检查，请待审查结果出现后再导出审查意见</source>
        <translation>This bundle has not been scanned, verified and checked yet: export the memo once the results are in</translation>
    </message>
    <message>
        <source>我已知悉上述证据项尚未作出结论，仍然签名</source>
        <translation>I know these items have no outcome yet; sign anyway</translation>
    </message>
    <message>
        <source>尚有 %1 个证据项审查人未作出结论：审查意见将列出程序建议，并标注“程序建议（未经审查人确认）”。</source>
        <translation>%1 items have no outcome from the reviewer: the memo will show the program's proposals, marked as not confirmed by the reviewer.</translation>
    </message>
    <message>
        <source>承办检察官</source>
        <translation>Prosecutor in charge</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>文书编号</source>
        <translation>Document number</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>请先预览，确认后勾选“仍然签名”。</source>
        <translation> Preview the memo first, then tick "sign anyway".</translation>
    </message>
    <message>
        <source>正在排版预览</source>
        <translation>Laying out the preview</translation>
    </message>
    <message>
        <source>正在排版（%1%）</source>
        <translation>Laying out (%1%)</translation>
    </message>
    <message>
        <source>预览共 %1 页（未签名）</source>
        <translation>Preview: %1 pages (not signed)</translation>
    </message>
    <message>
        <source>（审查人尚未作出决定，审查意见注明均为程序建议）</source>
        <translation> (the reviewer has decided nothing yet: the memo says every conclusion is the program's proposal)</translation>
    </message>
    <message>
        <source>本机没有可用的 PDF 阅读器，已在内置查看器中打开审查意见</source>
        <translation>No PDF viewer is installed: the memo is shown in the built-in viewer</translation>
    </message>
    <message>
        <source>审查意见（已签名）</source>
        <translation>Review memo (signed)</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="62"/>
        <source>导出审查意见</source>
        <translation>Export review memo</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="69"/>
        <source>英文审查意见</source>
        <translation>Review memo in English</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="86"/>
        <source>签名身份文件</source>
        <translation>Signing identity file</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="87"/>
        <source>口令</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="88"/>
        <source>审查人</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="89"/>
        <source>输出文件</source>
        <translation>Output file</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="92"/>
        <source>导出并签名</source>
        <translation>Export and sign</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="93"/>
        <source>打开审查意见</source>
        <translation>Open review memo</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="95"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="107"/>
        <source>选择签名身份</source>
        <translation>Choose signing identity</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="108"/>
        <source>PKCS#12 身份 (*.p12 *.pfx);;所有文件 (*)</source>
        <translation>PKCS#12 identity (*.p12 *.pfx);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="113"/>
        <source>保存审查意见</source>
        <translation>Save review memo</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="114"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="126"/>
        <source>请先打开证据包</source>
        <translation>Open a bundle first</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="128"/>
        <source>请选择签名身份文件（.p12）；没有身份时可在“审查意见”菜单中创建</source>
        <translation>Choose a signing identity file (.p12); if you have none, create one in the Review memo menu</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="130"/>
        <source>请输入签名身份的口令</source>
        <translation>Enter the signing identity&apos;s passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="132"/>
        <source>请指定输出文件（.pdf）</source>
        <translation>Choose the output file (.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="134"/>
        <source>无法写入审查意见 %1：目录不存在</source>
        <translation>Cannot write the review memo %1: the folder does not exist</translation>
    </message>
    <message>
        <source>无法写入审查意见 %1：%2</source>
        <translation>Cannot write the memo %1: %2</translation>
    </message>
    <message>
        <source>该路径已存在且不是普通文件，不能写入：%1</source>
        <translation>That path exists and is not a regular file; it cannot be written: %1</translation>
    </message>
    <message>
        <source>不能写在审查库的文件上（会毁掉其中的审查决定）：%1</source>
        <translation>Cannot write over a review store's file (its decisions would be lost): %1</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="151"/>
        <source>正在生成审查意见</source>
        <translation>Writing the review memo</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="161"/>
        <source>取消导出</source>
        <translation>Cancel export</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="161"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="179"/>
        <source>（审查人尚未作出决定，审查意见注明均为自动结果）</source>
        <translation>(The reviewer has made no decisions yet; the memo states that all results are automatic.)</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="180"/>
        <source>审查意见已签名并写入 %1</source>
        <translation>Review memo signed and written to %1</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="190"/>
        <source>已取消导出，未写入任何文件</source>
        <translation>Export cancelled; no file was written</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="13"/>
        <source>正在排版</source>
        <translation>Laying out</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="13"/>
        <source>正在附加审查结果</source>
        <translation>Attaching the review findings</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="13"/>
        <source>正在签名</source>
        <translation>Signing</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="13"/>
        <source>正在写入文件</source>
        <translation>Writing the file</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="13"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>审查意见不得保存在打开的证据包内（证据不得改动）：%1</source>
        <translation>The memo must not be saved inside the open bundle (evidence is never changed): %1</translation>
    </message>
    <message>
        <source>未能生成审查意见：%1</source>
        <translation>The memo could not be made: %1</translation>
    </message>
</context>
<context>
    <name>OpenDialogs</name>
    <message>
        <source>打开磁盘镜像</source>
        <translation>Open a disk image</translation>
    </message>
    <message>
        <source>磁盘镜像 (%1)</source>
        <translation>Disk images (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/window/open_dialogs.py" line="14"/>
        <source>打开证据包（选择含 bundle.json 的文件夹）</source>
        <translation>Open bundle (choose the folder with bundle.json)</translation>
    </message>
</context>
<context>
    <name>OutcomeBox</name>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="51"/>
        <source>本项结论（第四十三条、第四十四条）</source>
        <translation>Outcome for this item (Art. 43, Art. 44)</translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="58"/>
        <source>审查人决定：</source>
        <translation>Reviewer&apos;s decision:</translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="66"/>
        <source>理由（与程序建议不同时必填）</source>
        <translation>Reason (required when different from the proposal)</translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="68"/>
        <source>保存结论</source>
        <translation>Save outcome</translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="72"/>
        <source>要求补正或作出合理解释的事项，每行一项（瑕疵可补正时必填）</source>
        <translation>Points to be corrected or reasonably explained, one per line (required for a curable defect)</translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="103"/>
        <source>程序建议：（尚无自动检查结果）</source>
        <translation>Proposed by the program: (no automatic check results yet)</translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="104"/>
        <source>程序建议：&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Proposed by the program: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="106"/>
        <source>依据：</source>
        <translation>Basis: </translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="108"/>
        <source>（审查人已推翻）</source>
        <translation> (overridden by the reviewer)</translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="133"/>
        <source>（审查人已判断）</source>
        <translation> (judged by the reviewer)</translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="123"/>
        <source>按审查人对%1的决定，由“%2”改为“%3”</source>
        <translation>After the reviewer&apos;s decision on %1: changed from &quot;%2&quot; to &quot;%3&quot;</translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="121"/>
        <source>已保存：%1&#x3000;%2&#x3000;%3&#x3000;%4</source>
        <translation>Saved: %1  %2  %3  %4</translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="126"/>
        <source>尚未决定本项结论</source>
        <translation>No outcome decided for this item yet</translation>
    </message>
    <message>
        <source>本项结论已在另一窗口或由另一审查人保存（见上），未予覆盖；核对后如仍要改，请再次保存</source>
        <translation>This item's conclusion was saved meanwhile in another window or by another reviewer (shown above) and was not replaced; check it, then save again to change it</translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="152"/>
        <source>没有打开的证据项</source>
        <translation>No evidence item is open</translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="154"/>
        <source>请选择结论：可采、瑕疵可补正或排除</source>
        <translation>Choose an outcome: Admissible, Curable defect or Excluded</translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="156"/>
        <source>结论与程序建议不同，须说明理由</source>
        <translation>The outcome differs from the proposal: give a reason</translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="158"/>
        <source>瑕疵可补正须列明要求补正或解释的事项</source>
        <translation>A curable defect needs the points to be corrected or explained</translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="15"/>
        <source>可采</source>
        <translation>Admissible</translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="15"/>
        <source>瑕疵可补正</source>
        <translation>Curable defect</translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="15"/>
        <source>排除</source>
        <translation>Excluded</translation>
    </message>
    <message>
        <source>待审查人判断</source>
        <translation>Pending the reviewer&apos;s judgement</translation>
    </message>
    <message>
        <source>（涉及 %1 个文件）</source>
        <translation> (%1 files concerned)</translation>
    </message>
    <message>
        <source>未保存：审查库无法写入</source>
        <translation>Not saved: the review store cannot be written</translation>
    </message>
    <message>
        <source>已恢复未保存的结论内容（尚未保存）</source>
        <translation>The unsaved outcome is back (not saved yet)</translation>
    </message>
</context>
<context>
    <name>OverviewTableModel</name>
    <message>
        <location filename="../../ui/review/review_overview.py" line="73"/>
        <source>等 %1 条</source>
        <translation> and %1 more</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_overview.py" line="74"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_overview.py" line="76"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_overview.py" line="15"/>
        <source>证据项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_overview.py" line="15"/>
        <source>取证方式</source>
        <translation>Acquisition</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_overview.py" line="15"/>
        <source>已决/适用</source>
        <translation>Decided/applicable</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_overview.py" line="15"/>
        <source>待决</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_overview.py" line="15"/>
        <source>程序建议</source>
        <translation>Proposed</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_overview.py" line="15"/>
        <source>审查结论</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_overview.py" line="11"/>
        <source>扣押、封存原始存储介质</source>
        <translation>Seizure and sealing of original media</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_overview.py" line="11"/>
        <source>制作数据镜像</source>
        <translation>Forensic imaging</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_overview.py" line="11"/>
        <source>现场提取</source>
        <translation>On-site extraction</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_overview.py" line="12"/>
        <source>在线提取</source>
        <translation>Online extraction</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_overview.py" line="12"/>
        <source>冻结</source>
        <translation>Freezing</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_overview.py" line="12"/>
        <source>调取</source>
        <translation>Obtained from holder</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_overview.py" line="12"/>
        <source>检查、侦查实验</source>
        <translation>Inspection, investigative experiment</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_overview.py" line="13"/>
        <source>检验、鉴定</source>
        <translation>Examination, expert appraisal</translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="15"/>
        <source>可采</source>
        <translation>Admissible</translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="15"/>
        <source>瑕疵可补正</source>
        <translation>Curable defect</translation>
    </message>
    <message>
        <location filename="../../ui/review/outcome_box.py" line="15"/>
        <source>排除</source>
        <translation>Excluded</translation>
    </message>
    <message>
        <source>待审查人判断</source>
        <translation>Pending the reviewer&apos;s judgement</translation>
    </message>
</context>
<context>
    <name>PdfViewerDialog</name>
    <message>
        <location filename="../../ui/detail/media_viewers.py" line="110"/>
        <source>查看文书：%1</source>
        <translation>Document: %1</translation>
    </message>
    <message>
        <location filename="../../ui/detail/media_viewers.py" line="124"/>
        <source>%1（共 %2 页）</source>
        <translation>%1 (pages: %2)</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>镜像内的 SQLite 数据库以十六进制显示</source>
        <translation>A SQLite database inside an image is shown in hex</translation>
    </message>
    <message>
        <location filename="../../ui/detail/preview_pane.py" line="84"/>
        <location filename="../../ui/detail/preview_pane.py" line="119"/>
        <source>选择一个图片、PDF 或文本文件即可预览。</source>
        <translation>Select an image, PDF or text file to preview it.</translation>
    </message>
    <message>
        <location filename="../../ui/detail/preview_pane.py" line="127"/>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../../ui/detail/preview_pane.py" line="140"/>
        <source>此类文件不提供预览（%1）</source>
        <translation>No preview for this type of file (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/detail/preview_pane.py" line="140"/>
        <source>类型未识别</source>
        <translation>type not detected</translation>
    </message>
    <message>
        <location filename="../../ui/detail/preview_pane.py" line="148"/>
        <source>正在生成预览</source>
        <translation>Preparing the preview</translation>
    </message>
    <message>
        <location filename="../../ui/detail/preview_pane.py" line="161"/>
        <source>无法预览：%1</source>
        <translation>Cannot preview: %1</translation>
    </message>
    <message>
        <location filename="../../ui/detail/preview_pane.py" line="168"/>
        <source>缩略图无法显示</source>
        <translation>The thumbnail cannot be shown</translation>
    </message>
    <message>
        <location filename="../../ui/detail/preview_pane.py" line="171"/>
        <source>缩略图 %1×%2（原图未改动）</source>
        <translation>Thumbnail %1×%2 (original unchanged)</translation>
    </message>
    <message>
        <location filename="../../ui/detail/preview_pane.py" line="183"/>
        <source>PDF 无法打开（%1）</source>
        <translation>The PDF cannot be opened (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/detail/preview_pane.py" line="186"/>
        <source>PDF，共 %1 页</source>
        <translation>PDF, pages: %1</translation>
    </message>
    <message>
        <location filename="../../ui/detail/preview_pane.py" line="194"/>
        <source>文本，编码：%1</source>
        <translation>Text, encoding: %1</translation>
    </message>
    <message>
        <location filename="../../ui/detail/preview_pane.py" line="194"/>
        <source>未识别（不是文本）</source>
        <translation>not detected (not text)</translation>
    </message>
    <message>
        <location filename="../../ui/detail/preview_pane.py" line="196"/>
        <source>（只显示前 1 MiB）</source>
        <translation> (first 1 MiB shown)</translation>
    </message>
    <message>
        <source>SQLite 数据库，%1 个表（只读打开，不改动原文件）</source>
        <translation>SQLite database, %1 tables (opened read-only, the file is not changed)</translation>
    </message>
    <message>
        <source>十六进制</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>（只显示前 64 KiB）</source>
        <translation> (first 64 KiB only)</translation>
    </message>
    <message>
        <source>；无法作为图片显示：%1</source>
        <translation>; cannot be shown as a picture: %1</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../ui/common/progress_panel.py" line="43"/>
        <source>就绪</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../ui/common/progress_panel.py" line="44"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/common/progress_panel.py" line="59"/>
        <source>正在取消：%1</source>
        <translation>Cancelling: %1</translation>
    </message>
    <message>
        <location filename="../../ui/common/progress_panel.py" line="11"/>
        <source>%1 个文件</source>
        <translation>%1 files</translation>
    </message>
    <message>
        <location filename="../../ui/common/progress_panel.py" line="18"/>
        <source>已用 %1 秒</source>
        <translation>%1 s elapsed</translation>
    </message>
    <message>
        <location filename="../../ui/common/progress_panel.py" line="21"/>
        <source>剩余约 %1 秒</source>
        <translation>about %1 s left</translation>
    </message>
</context>
<context>
    <name>QWidget</name>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="18"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
</context>
<context>
    <name>RelevancePane</name>
    <message>
        <location filename="../../ui/review/relevance_pane.py" line="166"/>
        <source>按路径筛选</source>
        <translation>Filter by path</translation>
    </message>
    <message>
        <location filename="../../ui/review/relevance_pane.py" line="172"/>
        <source>所证明的事实（必填）</source>
        <translation>Fact proved (required)</translation>
    </message>
    <message>
        <location filename="../../ui/review/relevance_pane.py" line="173"/>
        <source>标记为相关</source>
        <translation>Tag as relevant</translation>
    </message>
    <message>
        <location filename="../../ui/review/relevance_pane.py" line="174"/>
        <source>取消此标记</source>
        <translation>Remove tag</translation>
    </message>
    <message>
        <location filename="../../ui/review/relevance_pane.py" line="191"/>
        <source>&lt;b&gt;第三十三条（一）与案件事实的关联：标记相关文件&lt;/b&gt;</source>
        <translation>&lt;b&gt;Art. 33(1) Relevance to the facts of the case: tag relevant files&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/review/relevance_pane.py" line="199"/>
        <source>&lt;b&gt;第三十三条（二）数据及介质与当事人的关联&lt;/b&gt;</source>
        <translation>&lt;b&gt;Art. 33(2) Link between the data, the media and the parties&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/review/relevance_pane.py" line="233"/>
        <source>请先选择文件</source>
        <translation>Select a file first</translation>
    </message>
    <message>
        <location filename="../../ui/review/relevance_pane.py" line="236"/>
        <source>请说明该文件证明的事实</source>
        <translation>State the fact this file proves</translation>
    </message>
    <message>
        <location filename="../../ui/review/relevance_pane.py" line="250"/>
        <source>所选文件没有此项标记</source>
        <translation>The selected file has no tag of this kind</translation>
    </message>
    <message>
        <location filename="../../ui/review/relevance_pane.py" line="13"/>
        <source>主体身份同一性（人机同一性／身份同一性）</source>
        <translation>Subject identity (person–device)</translation>
    </message>
    <message>
        <location filename="../../ui/review/relevance_pane.py" line="13"/>
        <source>客观行为</source>
        <translation>Objective conduct</translation>
    </message>
    <message>
        <location filename="../../ui/review/relevance_pane.py" line="14"/>
        <source>主观故意</source>
        <translation>Subjective intent</translation>
    </message>
    <message>
        <location filename="../../ui/review/relevance_pane.py" line="14"/>
        <source>情节和后果</source>
        <translation>Circumstances and consequences</translation>
    </message>
    <message>
        <source>未保存：审查库无法写入</source>
        <translation>Not saved: the review store cannot be written</translation>
    </message>
    <message>
        <source>已恢复未保存的关联事实（尚未标记）</source>
        <translation>The unsaved fact is back (not tagged yet)</translation>
    </message>
</context>
<context>
    <name>ReviewOverview</name>
    <message>
        <location filename="../../ui/review/review_overview.py" line="119"/>
        <source>审查进度：%1/%2 条款，%3/%4 项已定结论</source>
        <translation>Review progress: %1/%2 clauses, %3/%4 items with an outcome</translation>
    </message>
</context>
<context>
    <name>ReviewTab</name>
    <message>
        <location filename="../../ui/review/review_tab.py" line="134"/>
        <source>运行自动检查</source>
        <translation>Run automatic checks</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_tab.py" line="237"/>
        <source>（未打开证据包）</source>
        <translation>(no bundle open)</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_tab.py" line="237"/>
        <source>（请选择证据项）</source>
        <translation>(select an evidence item)</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_tab.py" line="239"/>
        <source>&#x3000;— 尚无自动检查结果，请点“运行自动检查”</source>
        <translation>  — no automatic check results yet: click &quot;Run automatic checks&quot;</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_tab.py" line="279"/>
        <source>正在运行自动检查</source>
        <translation>Running automatic checks</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_tab.py" line="19"/>
        <source>真实性、完整性</source>
        <translation>Authenticity, integrity</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_tab.py" line="19"/>
        <source>合法性</source>
        <translation>Legality</translation>
    </message>
    <message>
        <location filename="../../ui/review/review_tab.py" line="19"/>
        <source>关联性</source>
        <translation>Relevance</translation>
    </message>
    <message>
        <source>未保存：本项尚有 %1 条条款待决</source>
        <translation>Not saved: %1 clauses of this item are still pending</translation>
    </message>
    <message>
        <source>第%1条</source>
        <translation>Art. %1</translation>
    </message>
    <message>
        <source>等</source>
        <translation> etc.</translation>
    </message>
    <message>
        <source>尚有条款待决</source>
        <translation>Clauses still pending</translation>
    </message>
    <message>
        <source>本项尚有 %1 条条款待决（%2%3）。仍将本项结论保存为“可采”吗？</source>
        <translation>%1 clauses of this item are still pending (%2%3). Save the item's outcome as admissible anyway?</translation>
    </message>
    <message>
        <source>自动检查</source>
        <translation>The automatic checks</translation>
    </message>
</context>
<context>
    <name>SideBySideDialog</name>
    <message>
        <location filename="../../ui/detail/media_viewers.py" line="138"/>
        <source>封存前后照片对照</source>
        <translation>Photos before and after sealing</translation>
    </message>
    <message>
        <location filename="../../ui/detail/media_viewers.py" line="140"/>
        <source>封存前</source>
        <translation>Before sealing</translation>
    </message>
    <message>
        <location filename="../../ui/detail/media_viewers.py" line="140"/>
        <source>封存后</source>
        <translation>After sealing</translation>
    </message>
    <message>
        <location filename="../../ui/detail/media_viewers.py" line="148"/>
        <source>（无照片）</source>
        <translation>(no photo)</translation>
    </message>
</context>
<context>
    <name>TaggedFilesTableModel</name>
    <message>
        <location filename="../../ui/review/relevance_pane.py" line="21"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/review/relevance_pane.py" line="21"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/review/relevance_pane.py" line="21"/>
        <source>相关性标记</source>
        <translation>Relevance tags</translation>
    </message>
    <message>
        <location filename="../../ui/review/relevance_pane.py" line="13"/>
        <source>主体身份同一性（人机同一性／身份同一性）</source>
        <translation>Subject identity</translation>
    </message>
    <message>
        <location filename="../../ui/review/relevance_pane.py" line="13"/>
        <source>客观行为</source>
        <translation>Objective conduct</translation>
    </message>
    <message>
        <location filename="../../ui/review/relevance_pane.py" line="14"/>
        <source>主观故意</source>
        <translation>Subjective intent</translation>
    </message>
    <message>
        <location filename="../../ui/review/relevance_pane.py" line="14"/>
        <source>情节和后果</source>
        <translation>Circumstances and consequences</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="298"/>
        <source>（时区未知）</source>
        <translation>(zone unknown)</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="308"/>
        <source>来源未记录时区，按案件时区解读</source>
        <translation>The source records no time zone; read in the case time zone</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="23"/>
        <source>时间（案件时区）</source>
        <translation>Time (case zone)</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="23"/>
        <source>时间种类</source>
        <translation>Time kind</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="23"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="23"/>
        <source>证据项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="23"/>
        <source>路径</source>
        <translation>Path</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="23"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="23"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="27"/>
        <source>修改</source>
        <translation>Modified</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="27"/>
        <source>创建</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="27"/>
        <source>访问</source>
        <translation>Accessed</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="27"/>
        <source>变更</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="28"/>
        <source>拍摄（EXIF）</source>
        <translation>Taken (EXIF)</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="28"/>
        <source>数字化（EXIF）</source>
        <translation>Digitized (EXIF)</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="28"/>
        <source>扣押</source>
        <translation>Seized</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="28"/>
        <source>封存</source>
        <translation>Sealed</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="29"/>
        <source>提取开始</source>
        <translation>Extraction start</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="29"/>
        <source>提取结束</source>
        <translation>Extraction end</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="29"/>
        <source>冻结</source>
        <translation>Frozen</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="29"/>
        <source>冻结到期</source>
        <translation>Freeze expires</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="30"/>
        <source>清单制作</source>
        <translation>Manifest prepared</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="30"/>
        <source>鉴定</source>
        <translation>Appraised</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="30"/>
        <source>检查</source>
        <translation>Inspected</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="33"/>
        <source>委托鉴定</source>
        <translation>Appraisal commissioned</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="33"/>
        <source>文书日期</source>
        <translation>Document date</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="34"/>
        <source>文件系统</source>
        <translation>File system</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="28"/>
        <source>EXIF</source>
        <translation>EXIF</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="30"/>
        <source>清单</source>
        <translation>Manifest</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_model.py" line="34"/>
        <source>容器</source>
        <translation>Container</translation>
    </message>
    <message>
        <source>已删除（从镜像恢复）</source>
        <translation>Deleted (recovered from the image)</translation>
    </message>
</context>
<context>
    <name>TimelineTab</name>
    <message>
        <location filename="../../ui/timeline/timeline_tab.py" line="167"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_tab.py" line="168"/>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_tab.py" line="172"/>
        <source>路径包含</source>
        <translation>Path contains</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_tab.py" line="174"/>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_tab.py" line="198"/>
        <source>时间异常</source>
        <translation>Time anomalies</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_tab.py" line="240"/>
        <source>正在读取时间…</source>
        <translation>Reading times…</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_tab.py" line="272"/>
        <source>时间异常（正在查找…）</source>
        <translation>Time anomalies (searching…)</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_tab.py" line="298"/>
        <source>时间线读取失败：%1</source>
        <translation>Could not read the timeline: %1</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_tab.py" line="330"/>
        <source>时间异常（%1，每类列出前 %2 条）</source>
        <translation>Time anomalies (%1; the first %2 of each kind listed)</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_tab.py" line="333"/>
        <source>时间异常（%1）</source>
        <translation>Time anomalies (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_tab.py" line="336"/>
        <source>全部证据项</source>
        <translation>All items</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_tab.py" line="337"/>
        <source>全部时间种类</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_tab.py" line="338"/>
        <source>全部来源</source>
        <translation>All sources</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_tab.py" line="339"/>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_tab.py" line="394"/>
        <source>正在计数… / %1 个时间</source>
        <translation>Counting… / %1 times</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_tab.py" line="406"/>
        <source>计数失败</source>
        <translation>Count failed</translation>
    </message>
    <message>
        <location filename="../../ui/timeline/timeline_tab.py" line="413"/>
        <source>%1 / %2 个时间</source>
        <translation>%1 / %2 times</translation>
    </message>
    <message>
        <source>正在按“%1”排序…</source>
        <translation>Sorting by &quot;%1&quot;…</translation>
    </message>
    <message>
        <source>正在按“%1”排序… %2%</source>
        <translation>Sorting by &quot;%1&quot;… %2%</translation>
    </message>
    <message>
        <source>排序失败：%1</source>
        <translation>Sorting failed: %1</translation>
    </message>
    <message>
        <source>正在为时间线排序</source>
        <translation>Sorting the timeline</translation>
    </message>
    <message>
        <source>：需人工判断的 %1 条在前，复制件所致的 %2 条合并为 %3 行</source>
        <translation>: %1 needing a human first; %2 caused by the copy in %3 lines</translation>
    </message>
</context>
<context>
    <name>VerifyMemoDialog</name>
    <message>
        <source>审查意见完整，但签名人未经信任：请指定信任的签名证书后再验证</source>
        <translation>The review memo is intact, but the signer is not trusted: give the trusted signer certificate and verify again</translation>
    </message>
    <message>
        <source>✘ 审查意见完整，但签名人不受所给证书信任，不能采信</source>
        <translation>✘ The review memo is intact, but its signer does not chain to the given certificate: do not rely on it</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="80"/>
        <source>验证审查意见</source>
        <translation>Verify review memo</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="83"/>
        <source>可选：信任的签名证书（.pem）</source>
        <translation>Optional: trusted signing certificate (.pem)</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="84"/>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="144"/>
        <source>请选择要验证的审查意见（PDF）</source>
        <translation>Choose the review memo (PDF) to verify</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="99"/>
        <source>审查意见</source>
        <translation>Review memo</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="100"/>
        <source>信任证书</source>
        <translation>Trusted certificate</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="106"/>
        <source>验证</source>
        <translation>Verify</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="108"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="114"/>
        <source>附带的审查结果（findings.json）</source>
        <translation>Attached review findings (findings.json)</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="120"/>
        <source>选择审查意见</source>
        <translation>Choose review memo</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="121"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="127"/>
        <source>选择信任证书</source>
        <translation>Choose trusted certificate</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="128"/>
        <source>证书 (*.pem *.crt);;所有文件 (*)</source>
        <translation>Certificates (*.pem *.crt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="150"/>
        <source>正在验证…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="151"/>
        <source>正在验证审查意见</source>
        <translation>Verifying the review memo</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="44"/>
        <source>未检查</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="45"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="45"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="55"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="161"/>
        <source>整个文件</source>
        <translation>Entire file</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="169"/>
        <source>✔ 审查意见完整有效：签名后未被改动</source>
        <translation>✔ The review memo is intact and valid: unchanged since it was signed</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="171"/>
        <source>✘ 审查意见已被改动或签名无效，不能采信</source>
        <translation>✘ The review memo was changed or its signature is invalid: do not rely on it</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="58"/>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="59"/>
        <source>案号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="59"/>
        <source>案件名称</source>
        <translation>Case title</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="61"/>
        <source>生成时间（UTC）</source>
        <translation>Generated (UTC)</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="62"/>
        <source>证据包标识</source>
        <translation>Bundle identifier</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="63"/>
        <source>证据项</source>
        <translation>Evidence items</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="63"/>
        <source>结论</source>
        <translation>Outcomes</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="64"/>
        <source>条款</source>
        <translation>Clauses</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="64"/>
        <source>已决定</source>
        <translation>decided</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="65"/>
        <source>补充侦查事项</source>
        <translation>Points for supplementary investigation</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="66"/>
        <source>审计日志链头摘要</source>
        <translation>Audit log chain head digest</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="159"/>
        <source>（培训身份）</source>
        <translation> (training identity)</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="60"/>
        <source>审查人</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="167"/>
        <source>无法读取附带的审查结果：%1</source>
        <translation>Cannot read the attached review findings: %1</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="60"/>
        <source>培训身份</source>
        <translation>training identity</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="102"/>
        <source>签名人</source>
        <translation>Signer</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="102"/>
        <source>签名时间</source>
        <translation>Signing time</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="102"/>
        <source>覆盖范围</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="103"/>
        <source>内容完整</source>
        <translation>Content intact</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="103"/>
        <source>签名有效</source>
        <translation>Signature valid</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="103"/>
        <source>证书受信任</source>
        <translation>Certificate trusted</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="12"/>
        <source>可采</source>
        <translation>Admissible</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="12"/>
        <source>瑕疵</source>
        <translation>Curable defect</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="12"/>
        <source>排除</source>
        <translation>Excluded</translation>
    </message>
    <message>
        <location filename="../../ui/memo/verify_memo_dialog.py" line="12"/>
        <source>未决</source>
        <translation>Undecided</translation>
    </message>
</context>
<context>
    <name>VerifyTab</name>
    <message>
        <location filename="../../ui/verify/verify_tab.py" line="61"/>
        <source>校验</source>
        <translation>Verify</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_tab.py" line="62"/>
        <source>重新计算清单记录的每个完整性校验值并比对（第三十一条第（二）项）</source>
        <translation>Recompute every integrity hash recorded in the manifest and compare (Art. 31(2))</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_tab.py" line="83"/>
        <source>校验范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_tab.py" line="86"/>
        <source>筛选：状态</source>
        <translation>Filter: status</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_tab.py" line="86"/>
        <source>证据项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_tab.py" line="97"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_tab.py" line="126"/>
        <location filename="../../ui/verify/verify_tab.py" line="136"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_tab.py" line="136"/>
        <source>全案</source>
        <translation>Whole case</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_tab.py" line="161"/>
        <source>正在校验 %1</source>
        <translation>Verifying %1</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_tab.py" line="161"/>
        <source>正在校验全案</source>
        <translation>Verifying the whole case</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_tab.py" line="185"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_tab.py" line="211"/>
        <source>校验完成：%1 条结果，用时 %2 秒</source>
        <translation>Verification finished: %1 results in %2 s</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_tab.py" line="221"/>
        <source>校验已取消，审查库中的结果未改变</source>
        <translation>Verification cancelled; the results in the review store are unchanged</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_tab.py" line="221"/>
        <source>校验失败：%1</source>
        <translation>Verification failed: %1</translation>
    </message>
    <message>
        <source>校验未能开始：%1</source>
        <translation>Verification could not start: %1</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_tab.py" line="246"/>
        <source>尚未校验。点击“校验”重新计算清单记录的校验值。</source>
        <translation>Not verified yet. Click &quot;Verify&quot; to recompute the hashes recorded in the manifest.</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_tab.py" line="254"/>
        <source>显示 %1 条</source>
        <translation>%1 shown</translation>
    </message>
</context>
<context>
    <name>VerifyTableModel</name>
    <message>
        <location filename="../../ui/verify/verify_table_model.py" line="8"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_table_model.py" line="8"/>
        <source>证据项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_table_model.py" line="9"/>
        <source>路径</source>
        <translation>Path</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_table_model.py" line="9"/>
        <source>算法</source>
        <translation>Algorithm</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_table_model.py" line="10"/>
        <source>记录值</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_table_model.py" line="10"/>
        <source>计算值</source>
        <translation>Computed</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_table_model.py" line="11"/>
        <source>记录来源</source>
        <translation>Recorded in</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_table_model.py" line="11"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_table_model.py" line="18"/>
        <source>一致</source>
        <translation>Match</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_table_model.py" line="19"/>
        <source>不一致</source>
        <translation>Mismatch</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_table_model.py" line="20"/>
        <source>缺失</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_table_model.py" line="21"/>
        <source>无法读取</source>
        <translation>Unreadable</translation>
    </message>
    <message>
        <location filename="../../ui/verify/verify_table_model.py" line="22"/>
        <source>清单外新增</source>
        <translation>Unlisted</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>磁盘镜像（.E01、.dd、.raw、.img、.001、.iso）用 文件 &gt; 打开磁盘镜像…，或拖到此窗口。</source>
        <translation>Disk images (.E01, .dd, .raw, .img, .001, .iso): File &gt; Open disk image…, or drag one onto this window.</translation>
    </message>
    <message>
        <location filename="../../ui/window/open_dialogs.py" line="42"/>
        <source>打开一个证据包开始审查</source>
        <translation>Open a case bundle to start the review</translation>
    </message>
    <message>
        <location filename="../../ui/window/open_dialogs.py" line="44"/>
        <source>菜单 文件 &gt; 打开证据包…，或把证据包文件夹拖到此窗口。没有 bundle.json 的普通文件夹作为临时证据包打开。证据包只读，不会被改动。</source>
        <translation>Menu File &gt; Open bundle…, or drop a bundle folder onto this window. A plain folder without bundle.json opens as an ad-hoc bundle. Bundles are opened read-only and never changed.</translation>
    </message>
    <message>
        <location filename="../../ui/window/open_dialogs.py" line="47"/>
        <source>打开证据包…</source>
        <translation>Open bundle…</translation>
    </message>
    <message>
        <location filename="../../ui/window/open_dialogs.py" line="57"/>
        <source>最近打开的证据包（双击打开）：</source>
        <translation>Recent bundles (double-click to open):</translation>
    </message>
</context>
<context>
    <name>row</name>
    <message>
        <location filename="../../ui/memo/memo_dialog.py" line="23"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../ui/window/case_tabs.py" line="36"/>
        <source>校验</source>
        <translation>Verification</translation>
    </message>
    <message>
        <location filename="../../ui/window/case_tabs.py" line="37"/>
        <source>审查</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../ui/window/case_tabs.py" line="38"/>
        <location filename="../../ui/window/case_tabs.py" line="94"/>
        <source>时间线</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../ui/window/case_tabs.py" line="90"/>
        <source>校验全案摘要</source>
        <translation>Verify all case hashes</translation>
    </message>
    <message>
        <location filename="../../ui/window/case_tabs.py" line="92"/>
        <source>运行自动检查</source>
        <translation>Run automatic checks</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_actions.py" line="13"/>
        <source>审查意见</source>
        <translation>Review memo</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_actions.py" line="18"/>
        <source>导出审查意见…</source>
        <translation>Export review memo…</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_actions.py" line="19"/>
        <source>验证审查意见…</source>
        <translation>Verify review memo…</translation>
    </message>
    <message>
        <location filename="../../ui/memo/memo_actions.py" line="21"/>
        <source>创建签名身份…</source>
        <translation>Create signing identity…</translation>
    </message>
    <message>
        <source>下一条待决条款</source>
        <translation>Next pending clause</translation>
    </message>
    <message>
        <source>计算哈希值…</source>
        <translation>Compute hashes…</translation>
    </message>
    <message>
        <source>导出当前表格为 CSV…</source>
        <translation>Export current table as CSV…</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>使用手册</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>当前页没有可导出的表格</source>
        <translation>This page has no table to export</translation>
    </message>
    <message>
        <source>导出当前表格为 CSV</source>
        <translation>Export current table as CSV</translation>
    </message>
    <message>
        <source>不能写入证据包：请选择证据包以外的位置</source>
        <translation>Cannot write into the bundle: choose a place outside it</translation>
    </message>
    <message>
        <source>已导出 %1 行到 %2</source>
        <translation>Exported %1 rows to %2</translation>
    </message>
    <message>
        <source>比对原件与备份（第三十一条第（三）项）…</source>
        <translation>Compare original and backup (Art. 31.3)…</translation>
    </message>
    <message>
        <source>E01 文件头代码页</source>
        <translation>E01 header code page</translation>
    </message>
    <message>
        <source>默认（按 ASCII 读取，出现乱码时按 windows-936）</source>
        <translation>Default (read as ASCII; as windows-936 where that garbles)</translation>
    </message>
    <message>
        <source>默认</source>
        <translation>default</translation>
    </message>
    <message>
        <source>E01 文件头代码页：%1（本案）。重新运行自动检查后，检查结果按此读取</source>
        <translation>E01 header code page: %1 (this case). The checks read headers in it at their next run</translation>
    </message>
</context>
<context>
    <name>CopyCells</name>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
</context>
<context>
    <name>HashDialog</name>
    <message>
        <source>计算哈希值</source>
        <translation>Compute hashes</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>大小（字节）</source>
        <translation>Size (bytes)</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>选择文件夹…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>选择一个文件或文件夹，计算 MD5、SHA-1、SHA-256 和 SM3。文件以只读方式打开。</source>
        <translation>Choose a file or a folder to compute MD5, SHA-1, SHA-256 and SM3. Files are opened read-only.</translation>
    </message>
    <message>
        <source>选择文件</source>
        <translation>Choose file</translation>
    </message>
    <message>
        <source>选择文件夹</source>
        <translation>Choose folder</translation>
    </message>
    <message>
        <source>正在计算哈希值</source>
        <translation>Computing hashes</translation>
    </message>
    <message>
        <source>完成：%1 个文件</source>
        <translation>Done: %1 files</translation>
    </message>
    <message>
        <source>，%1 个无法读取</source>
        <translation>, %1 unreadable</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>无法计算：%1</source>
        <translation>Cannot compute: %1</translation>
    </message>
</context>
<context>
    <name>ManualDialog</name>
    <message>
        <source>使用手册</source>
        <translation>Manual</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>（重新启动后生效）</source>
        <translation>(takes effect after a restart)</translation>
    </message>
    <message>
        <source>审查人姓名</source>
        <translation>Reviewer's name</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>冻结期满提前提醒</source>
        <translation>Warn before a freeze expires</translation>
    </message>
</context>
<context>
    <name>PdfPage</name>
    <message>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>第 %1 / %2 页</source>
        <translation>Page %1 / %2</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
</context>
<context>
    <name>SqlitePage</name>
    <message>
        <source>表</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>（没有表）</source>
        <translation>(no tables)</translation>
    </message>
    <message>
        <source>共 %1 行，显示前 %2 行</source>
        <translation>%1 rows, first %2 shown</translation>
    </message>
</context>
<context>
    <name>TextPage</name>
    <message>
        <source>查找（Ctrl+F）</source>
        <translation>Find (Ctrl+F)</translation>
    </message>
    <message>
        <source>未找到</source>
        <translation>Not found</translation>
    </message>
</context>
<context>
    <name>ImageSection</name>
    <message>
        <source>镜像格式</source>
        <translation>Image format</translation>
    </message>
    <message>
        <source>分段文件</source>
        <translation>Segment files</translation>
    </message>
    <message>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>证据编号</source>
        <translation>Evidence number</translation>
    </message>
    <message>
        <source>检验人</source>
        <translation>Examiner</translation>
    </message>
    <message>
        <source>描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>获取时间</source>
        <translation>Acquired</translation>
    </message>
    <message>
        <source>系统时间</source>
        <translation>System date</translation>
    </message>
    <message>
        <source>（镜像未记录时区）</source>
        <translation> (zone not recorded in the image)</translation>
    </message>
    <message>
        <source>获取软件</source>
        <translation>Acquisition software</translation>
    </message>
    <message>
        <source>软件版本</source>
        <translation>Software version</translation>
    </message>
    <message>
        <source>操作系统</source>
        <translation>Operating system</translation>
    </message>
    <message>
        <source>镜像内存储的 MD5</source>
        <translation>MD5 stored in the image</translation>
    </message>
    <message>
        <source>镜像内存储的 SHA-1</source>
        <translation>SHA-1 stored in the image</translation>
    </message>
    <message>
        <source>TSK 虚拟条目（非用户文件）</source>
        <translation>TSK virtual entry (not a user file)</translation>
    </message>
    <message>
        <source>NTFS 元数据文件</source>
        <translation>NTFS metadata file</translation>
    </message>
    <message>
        <source>FAT 卷标条目</source>
        <translation>FAT volume label entry</translation>
    </message>
    <message>
        <source>文件系统条目（非用户文件）</source>
        <translation>file-system entry (not a user file)</translation>
    </message>
    <message>
        <source>原始镜像</source>
        <translation>raw image</translation>
    </message>
    <message>
        <source>分段原始镜像</source>
        <translation>split raw image</translation>
    </message>
    <message>
        <source>无可读文件系统</source>
        <translation>no readable file system</translation>
    </message>
    <message>
        <source>无分区表</source>
        <translation>no partition table</translation>
    </message>
    <message>
        <source>起始偏移 %1 字节</source>
        <translation>starts at byte %1</translation>
    </message>
    <message>
        <source>分区</source>
        <translation>Partition</translation>
    </message>
    <message>
        <source>TSK 地址（inode / MFT 记录号）</source>
        <translation>TSK address (inode / MFT entry)</translation>
    </message>
    <message>
        <source>条目类别</source>
        <translation>Entry role</translation>
    </message>
    <message>
        <source>所属文件（NTFS 备用数据流）</source>
        <translation>File of this stream (NTFS alternate data stream)</translation>
    </message>
    <message>
        <source>介质型号</source>
        <translation>Medium model</translation>
    </message>
    <message>
        <source>介质序列号</source>
        <translation>Medium serial number</translation>
    </message>
    <message>
        <source>设备标签</source>
        <translation>Device label</translation>
    </message>
    <message>
        <source>文件头代码页</source>
        <translation>Header code page</translation>
    </message>
    <message>
        <source>windows-936（简体中文 GBK）</source>
        <translation>windows-936 (Simplified Chinese, GBK)</translation>
    </message>
    <message>
        <source>ASCII（窄文件头；UTF-16 文件头不受代码页影响）</source>
        <translation>ASCII (narrow header; a UTF-16 header is read without a code page)</translation>
    </message>
    <message>
        <source>泰文</source>
        <translation>Thai</translation>
    </message>
    <message>
        <source>日文 Shift-JIS</source>
        <translation>Japanese, Shift-JIS</translation>
    </message>
    <message>
        <source>简体中文 GBK</source>
        <translation>Simplified Chinese, GBK</translation>
    </message>
    <message>
        <source>韩文</source>
        <translation>Korean</translation>
    </message>
    <message>
        <source>繁体中文 Big5</source>
        <translation>Traditional Chinese, Big5</translation>
    </message>
    <message>
        <source>中欧语言</source>
        <translation>Central European</translation>
    </message>
    <message>
        <source>西里尔文</source>
        <translation>Cyrillic</translation>
    </message>
    <message>
        <source>西欧语言</source>
        <translation>Western European</translation>
    </message>
    <message>
        <source>希腊文</source>
        <translation>Greek</translation>
    </message>
    <message>
        <source>土耳其文</source>
        <translation>Turkish</translation>
    </message>
    <message>
        <source>希伯来文</source>
        <translation>Hebrew</translation>
    </message>
    <message>
        <source>阿拉伯文</source>
        <translation>Arabic</translation>
    </message>
    <message>
        <source>波罗的海语言</source>
        <translation>Baltic</translation>
    </message>
    <message>
        <source>越南文</source>
        <translation>Vietnamese</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>MemoPreviewDialog</name>
    <message>
        <source>审查意见预览（未签名）</source>
        <translation>Review memo preview (not signed)</translation>
    </message>
</context>
<context>
    <name>BackupDiffDialog</name>
    <message>
        <source>比对原件与备份</source>
        <translation>Compare original and backup</translation>
    </message>
    <message>
        <source>%1（备份自 %2）</source>
        <translation>%1 (backup of %2)</translation>
    </message>
    <message>
        <source>比对</source>
        <translation>Compare</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>差异</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>原件路径</source>
        <translation>Original's path</translation>
    </message>
    <message>
        <source>备份路径</source>
        <translation>Backup's path</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>逐个文件比对备份与原件；文本和 CSV 文件逐行比对，每个文件最多读取 %1 MB。证据以只读方式打开。</source>
        <translation>The backup is compared with the original file by file; text and CSV files line by line, reading at most %1 MB of each. Evidence is opened read-only.</translation>
    </message>
    <message>
        <source>本案没有注明为某项证据备份的证据项</source>
        <translation>No item of this case is marked as the backup of another</translation>
    </message>
    <message>
        <source>请先打开证据包</source>
        <translation>Open a bundle first</translation>
    </message>
    <message>
        <source>相同</source>
        <translation>Same</translation>
    </message>
    <message>
        <source>内容不同</source>
        <translation>Content differs</translation>
    </message>
    <message>
        <source>备份中缺少</source>
        <translation>Missing in the backup</translation>
    </message>
    <message>
        <source>原件中缺少</source>
        <translation>Missing in the original</translation>
    </message>
    <message>
        <source>无法读取</source>
        <translation>Unreadable</translation>
    </message>
    <message>
        <source>原件 %1 不在本案清单中</source>
        <translation>The original %1 is not in this case's manifest</translation>
    </message>
    <message>
        <source>正在比对原件与备份</source>
        <translation>Comparing original and backup</translation>
    </message>
    <message>
        <source>完成：%1 个文件，%2 个不同</source>
        <translation>Done: %1 files, %2 differ</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>无法比对：%1</source>
        <translation>Cannot compare: %1</translation>
    </message>
    <message>
        <source>两个文件内容相同（逐字节比对）。</source>
        <translation>The two files are the same (compared byte by byte).</translation>
    </message>
    <message>
        <source>无法读取：%1</source>
        <translation>Unreadable: %1</translation>
    </message>
    <message>
        <source>非文本文件：逐字节比对，内容不同，不显示逐行差异。</source>
        <translation>Not a text file: compared byte by byte, the contents differ; no line diff is shown.</translation>
    </message>
    <message>
        <source>注意：文件超过 %1 MB，只比对了前 %1 MB。</source>
        <translation>Note: the file is larger than %1 MB; only its first %1 MB were compared line by line.</translation>
    </message>
    <message>
        <source>……另有 %1 行差异未显示</source>
        <translation>… %1 more diff lines not shown</translation>
    </message>
    <message>
        <source>文本内容相同，差异在编码或换行符。</source>
        <translation>The text is the same; the difference is in the encoding or the line endings.</translation>
    </message>
</context>
<context>
    <name>SystemViewer</name>
    <message>
        <source>存放副本的文件夹位于打开的证据包内，不予复制（证据不得改动）：%1</source>
        <translation>The folder for the copies is inside the open bundle; nothing is copied (evidence is never changed): %1</translation>
    </message>
    <message>
        <source>正在复制文件供系统程序打开</source>
        <translation>Copying the file for the system's program</translation>
    </message>
    <message>
        <source>用系统程序打开</source>
        <translation>Open with the system's program</translation>
    </message>
    <message>
        <source>系统中没有登记可打开此类文件的程序。可以改用本程序的内置预览查看。</source>
        <translation>No program is registered on this system for this type of file. You can use the built-in preview instead.</translation>
    </message>
    <message>
        <source>内置预览</source>
        <translation>Built-in preview</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>无法复制文件：%1</source>
        <translation>Cannot copy the file: %1</translation>
    </message>
</context>
<context>
    <name>ImageDetails</name>
    <message>
        <source>比对结果</source>
        <translation>Comparison</translation>
    </message>
    <message>
        <source>文件头与取证记录一致（第三十五条第一、二项）</source>
        <translation>The header agrees with the acquisition record (Art. 35(1), (2))</translation>
    </message>
    <message>
        <source>不一致</source>
        <translation>Differs</translation>
    </message>
    <message>
        <source>磁盘镜像 %1</source>
        <translation>Disk image %1</translation>
    </message>
    <message>
        <source>无法读取</source>
        <translation>Cannot be read</translation>
    </message>
    <message>
        <source>获取软件</source>
        <translation>Acquisition software</translation>
    </message>
    <message>
        <source>文件头未记录（以取证记录为准）</source>
        <translation>Not in the header (the acquisition record stands)</translation>
    </message>
    <message>
        <source>与取证记录比对</source>
        <translation>Against the acquisition record</translation>
    </message>
</context>
<context>
    <name>StoreWrite</name>
    <message>
        <source>磁盘空间不足</source>
        <translation>no space left on the disk</translation>
    </message>
    <message>
        <source>审查库为只读，无法写入</source>
        <translation>the review store is read-only and cannot be written</translation>
    </message>
    <message>
        <source>读写出错（介质可能损坏）</source>
        <translation>input/output error (the medium may be damaged)</translation>
    </message>
    <message>
        <source>审查库正被另一程序使用</source>
        <translation>the review store is in use by another program</translation>
    </message>
    <message>
        <source>无法打开审查库文件</source>
        <translation>the review store file cannot be opened</translation>
    </message>
    <message>
        <source>审查库文件已损坏</source>
        <translation>the review store file is damaged</translation>
    </message>
    <message>
        <source>审查库文件已不在原处（所在文件夹可能已被删除或移动）</source>
        <translation>the review store file is no longer where it was (its folder may have been removed or moved)</translation>
    </message>
    <message>
        <source>审查库无法写入（%1）</source>
        <translation>the review store cannot be written (%1)</translation>
    </message>
    <message>
        <source>未能保存到审查库：%1。</source>
        <translation>Not saved in the review store: %1.</translation>
    </message>
    <message>
        <source>刚才输入的内容仍在窗口中，没有丢失。请腾出磁盘空间、恢复审查库所在文件夹或更换可写的位置后，再次保存。</source>
        <translation>What you typed is still in the window, nothing is lost. Free some disk space, restore the review store's folder or choose a writable place, then save again.</translation>
    </message>
    <message>
        <source>审查库：%1</source>
        <translation>Review store: %1</translation>
    </message>
    <message>
        <source>未能保存</source>
        <translation>Not saved</translation>
    </message>
</context>
<context>
    <name>Unsaved</name>
    <message>
        <source>尚未保存的审查内容（结论、备注、理由或关联事实）未能留存：%1。</source>
        <translation>The review text typed and not saved (outcome, note, reason or relevant fact) could not be kept: %1.</translation>
    </message>
    <message>
        <source>继续将丢失这些内容。可先取消，保存或抄录这些内容后再继续。</source>
        <translation>Going on loses it. Cancel first, save or copy it, then go on.</translation>
    </message>
    <message>
        <source>未保存的内容未能留存</source>
        <translation>Unsaved text could not be kept</translation>
    </message>
</context>
<context>
    <name>StoreGuard</name>
    <message>
        <source>审查库文件已被替换</source>
        <translation>The review store file was replaced</translation>
    </message>
    <message>
        <source>本案的审查库文件在本程序之外被删除或替换：
%1

已停止使用并关闭本案，以免把审查决定写入来历不明的文件。此前保存的审查决定在原来的文件中；请找回原文件后重新打开本案。</source>
        <translation>This case's review store file was deleted or replaced outside this program:
%1

It is no longer used and the case is closed, so that no decision is written into a file of unknown origin. The decisions saved so far are in the original file: recover it, then open the case again.</translation>
    </message>
    <message>
        <source>审查库已损坏</source>
        <translation>The review store is damaged</translation>
    </message>
    <message>
        <source>本案的审查库已损坏，且无法移到一旁（%1）：%2
请交技术人员处理。</source>
        <translation>This case's review store is damaged and could not be moved aside (%1): %2
Please hand it to a technician.</translation>
    </message>
    <message>
        <source>%1中有无法解码的文字</source>
        <translation>text in the %1 that cannot be decoded</translation>
    </message>
    <message>
        <source>数据库完整性检查未通过</source>
        <translation>the database integrity check failed</translation>
    </message>
    <message>
        <source>本案的审查库已损坏（%1），已停止使用。

原文件已原样保留为：
%2
同时保留：%3
以备技术人员恢复；已有的审查决定仍在该文件中。

是否新建空白审查库，重新开始审查本案？</source>
        <translation>This case's review store is damaged (%1) and is no longer used.

The file is kept unchanged as:
%2
Also kept: %3
for a technician to recover; the decisions made so far are still in that file.

Start a new, empty review store and review this case again?</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>审查库已损坏，已另存</source>
        <translation>The review store was damaged and kept aside</translation>
    </message>
    <message>
        <source>以此审查库为准</source>
        <translation>Take this store as the truth</translation>
    </message>
    <message>
        <source>本机记录显示，本案的审查库曾记到第 %1 条审计记录（记于 %2）；现在打开的是较旧的副本，其后所作的审查决定不在其中。

如较新的审查库已无法找回，可确认以此审查库为准：确认将以您（%3）的名义记入审计日志，注明放弃的记录；此后可签署审查意见。

确认以此较旧的审查库为准？</source>
        <translation>This machine recorded the case's review store up to audit entry %1 (at %2); the store now open is an older copy, without the review decisions made after that.

If the newer store cannot be recovered, you may take this store as the truth: the confirmation is recorded in the audit log in your name (%3), naming the record given up; a memo can then be signed.

Take this older store as the truth?</translation>
    </message>
</context>
</TS>
