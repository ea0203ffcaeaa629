"""The documented export fields (README, issue 3), shared by the export tests."""

EVENT_FIELDS = {"id", "article_id", "sentence", "span", "evidence", "date", "source", "target", "type", "mode",
                "quad_class", "intensity", "modality", "attributed_to", "coder", "confidence"}
CLAIM_FIELDS = {"id", "article_id", "sentence", "evidence", "speaker", "verb", "content", "modality", "disputes"}
ACTOR_FIELDS = {"code", "country", "sector", "text", "resolved_by", "confidence"}
