"""The learned coder's network: a pretrained encoder with four heads over its token vectors.

- trigger tags: a linear layer (``TRIGGER_TAGS``);
- actor tags: a linear layer (``ACTOR_TAGS``);
- roles: a biaffine scorer of (trigger token *i*, token *j*) into ``ROLES``, as in graph-based
  dependency parsers (Dozat & Manning 2017): both tokens are projected, then
  ``s_ijr = u_i W_r v_j + a_r u_i + b_r v_j + c_r``;
- modality: a linear layer read at the trigger's tokens (``MODALITY_LABELS``);
- country: a linear layer read at an actor mention's tokens, over the countries of the training
  actors (``countries.json``): a fallback for people and bodies the dictionary does not know.
"""

from __future__ import annotations

import torch
from torch import nn

from detente.coding.learned.labels import (
    ACTOR_TAGS,
    MODALITY_LABELS,
    ROLES,
    TRIGGER_TAGS,
)

PAIR_DIM = 128


class EventTagger(nn.Module):
    def __init__(self, encoder: nn.Module, hidden: int, countries: int = 1, dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(dropout)
        self.trigger = nn.Linear(hidden, len(TRIGGER_TAGS))
        self.actor = nn.Linear(hidden, len(ACTOR_TAGS))
        self.modality = nn.Linear(hidden, len(MODALITY_LABELS))
        self.country = nn.Linear(hidden, countries)
        self.head_proj = nn.Sequential(nn.Linear(hidden, PAIR_DIM), nn.GELU())
        self.dep_proj = nn.Sequential(nn.Linear(hidden, PAIR_DIM), nn.GELU())
        self.bilinear = nn.Parameter(torch.zeros(len(ROLES), PAIR_DIM, PAIR_DIM))
        self.head_bias = nn.Linear(PAIR_DIM, len(ROLES))
        self.dep_bias = nn.Linear(PAIR_DIM, len(ROLES), bias=False)
        nn.init.xavier_uniform_(self.bilinear)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor
                ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        hidden = self.dropout(hidden)
        u, v = self.head_proj(hidden), self.dep_proj(hidden)
        pairs = torch.einsum("bid,rde,bje->bijr", u, self.bilinear, v)
        pairs = pairs + self.head_bias(u).unsqueeze(2) + self.dep_bias(v).unsqueeze(1)
        return self.trigger(hidden), self.actor(hidden), pairs, self.modality(hidden), self.country(hidden)
